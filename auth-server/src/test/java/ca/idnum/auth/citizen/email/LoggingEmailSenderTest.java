package ca.idnum.auth.citizen.email;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LoggingEmailSenderTest {

  private static final EmailMessage MESSAGE =
      new EmailMessage(
          EmailAddress.of("zoe@exemple.ca"),
          "IdNum : votre code de confirmation",
          "Votre code de confirmation IdNum est : 48151623");

  @Test
  void whenContentIsAllowedThenTheWholeMessageIsLogged(CapturedOutput output) {
    new LoggingEmailSender(true).send(MESSAGE);
    assertThat(output).contains("zoe@exemple.ca", "48151623");
  }

  @Test
  void whenContentIsNotAllowedThenNeitherTheCodeNorTheRecipientIsLogged(CapturedOutput output) {
    new LoggingEmailSender(false).send(MESSAGE);
    assertThat(output.getAll())
        .contains("Email not delivered")
        .doesNotContain("48151623")
        .doesNotContain("zoe@exemple.ca");
    assertThat(MESSAGE.toString()).doesNotContain("48151623");
  }
}
