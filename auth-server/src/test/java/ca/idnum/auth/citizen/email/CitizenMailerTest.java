package ca.idnum.auth.citizen.email;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class CitizenMailerTest {

  private final CapturingEmailSender sender = new CapturingEmailSender();
  private final CitizenMailer mailer =
      new CitizenMailer(
          sender, bundles(), Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

  private static ResourceBundleMessageSource bundles() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("i18n/messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @AfterEach
  void stop() throws InterruptedException {
    mailer.destroy();
  }

  @Test
  void whenACodeIsSentThenTheMessageIsInTheCitizensLanguageWithTheCodeAndItsValidity() {
    EmailAddress to = EmailAddress.of("zoe@exemple.ca");
    mailer.sendVerificationCode(
        to, "12345678", Duration.ofMinutes(15), Locale.forLanguageTag("en-CA"));
    EmailMessage message = sender.await("zoe@exemple.ca", s -> true);
    assertThat(message.subject()).isEqualTo("IdNum: your confirmation code");
    assertThat(message.body()).contains("12345678", "15 minutes");

    mailer.sendPasswordResetCode(
        to, "87654321", Duration.ofMinutes(15), Locale.forLanguageTag("fr-CA"));
    assertThat(sender.await("zoe@exemple.ca", s -> true).body())
        .contains("87654321", "valide 15 minutes", "n’avez pas fait");
  }

  @Test
  void whenAnAddressReceivedTheMaximumWithinTheHourThenFurtherMessagesAreDropped() {
    EmailAddress to = EmailAddress.of("cible@exemple.ca");
    EmailAddress other = EmailAddress.of("autre@exemple.ca");
    for (int i = 0; i < CitizenMailer.MAX_PER_ADDRESS + 3; i++) {
      mailer.sendAlreadyRegistered(to, Locale.CANADA_FRENCH);
    }
    mailer.sendAlreadyRegistered(other, Locale.CANADA_FRENCH);
    sender.await("autre@exemple.ca", s -> true);

    for (int i = 0; i < CitizenMailer.MAX_PER_ADDRESS; i++) {
      sender.await("cible@exemple.ca", s -> true);
    }
    assertThat(sender.to("cible@exemple.ca")).isEmpty();
  }
}
