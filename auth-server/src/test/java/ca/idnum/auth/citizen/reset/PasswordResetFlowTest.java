package ca.idnum.auth.citizen.reset;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CitizenWebTest
class PasswordResetFlowTest {

  private static final String NEW_PASSWORD = "ma nouvelle phrase de passe 2026";

  @LocalServerPort int port;
  @Autowired CapturingEmailSender mail;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;

  private Browser.Page askForCode(Browser browser, String email) {
    browser.get("/password/forgot");
    return browser.submit("/password/forgot", Map.of("email", email));
  }

  @Test
  void whenACitizenResetsTheirPasswordWithTheEmailedCodeThenOnlyTheNewPasswordWorks() {
    String email = TestAccounts.uniqueEmail("oubli");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);

    Browser.Page asked = askForCode(browser, email);
    assertThat(asked.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/password/reset"));
    Browser.Page form = browser.follow(asked);
    assertThat(form.body()).contains("value=\"" + email + "\"");
    String code = mail.awaitCode(email);

    Browser.Page done =
        browser.submit(
            "/password/reset", Map.of("email", email, "code", code, "password", NEW_PASSWORD));

    assertThat(done.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/login?reset"));
    assertThat(mail.await(email, s -> s.contains("a été changé")).body()).contains("changé");
    assertThat(TestAccounts.login(new Browser(port), email, NEW_PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    assertThat(TestAccounts.login(new Browser(port), email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    Browser again = new Browser(port);
    again.get("/password/reset");
    assertThat(
            again
                .submit(
                    "/password/reset",
                    Map.of("email", email, "code", code, "password", "encore une autre phrase"))
                .status())
        .as("a used code does not work twice")
        .isEqualTo(200);
  }

  @Test
  void whenAnAddressHasNoAccountThenAskingForACodeLooksExactlyTheSame() {
    String known = TestAccounts.uniqueEmail("connu");
    TestAccounts.create(accounts, hasher, known, TestAccounts.PASSWORD);
    String unknown = TestAccounts.uniqueEmail("inconnu");
    Browser a = new Browser(port);
    Browser b = new Browser(port);

    Browser.Page knownAnswer = askForCode(a, known);
    Browser.Page unknownAnswer = askForCode(b, unknown);

    assertThat(knownAnswer.status()).isEqualTo(unknownAnswer.status()).isEqualTo(302);
    assertThat(knownAnswer.location()).isEqualTo(unknownAnswer.location());
    assertThat(Browser.comparable(a.follow(knownAnswer).body(), known))
        .isEqualTo(Browser.comparable(b.follow(unknownAnswer).body(), unknown));
    mail.awaitCode(known);

    Browser.Page knownWrong =
        a.submit(
            "/password/reset",
            Map.of("email", known, "code", "12345678", "password", NEW_PASSWORD));
    Browser.Page unknownWrong =
        b.submit(
            "/password/reset",
            Map.of("email", unknown, "code", "12345678", "password", NEW_PASSWORD));
    assertThat(knownWrong.status()).isEqualTo(unknownWrong.status()).isEqualTo(200);
    assertThat(Browser.comparable(knownWrong.body(), known))
        .isEqualTo(Browser.comparable(unknownWrong.body(), unknown))
        .contains("Ce code est incorrect ou expiré");
    assertThat(mail.to(unknown)).isEmpty();
  }

  @Test
  void whenTheNewPasswordBreaksThePolicyThenNoCodeAttemptIsSpent() {
    String email = TestAccounts.uniqueEmail("politique");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    browser.follow(askForCode(browser, email));
    String code = mail.awaitCode(email);

    for (int i = 0; i < PasswordResetService.MAX_ATTEMPTS + 1; i++) {
      Browser.Page refused =
          browser.submit(
              "/password/reset",
              Map.of("email", email, "code", code, "password", "password12345678"));
      assertThat(refused.status()).isEqualTo(200);
      assertThat(refused.body()).contains("trop courant");
    }

    assertThat(
            browser
                .submit(
                    "/password/reset",
                    Map.of("email", email, "code", code, "password", NEW_PASSWORD))
                .location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?reset"));
  }

  @Test
  void whenALockedOutCitizenResetsTheirPasswordThenTheyCanLogInAgain() {
    String email = TestAccounts.uniqueEmail("deverrou");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    for (int i = 0; i < 5; i++) {
      TestAccounts.login(browser, email, "mauvais mot de passe numero " + i);
    }
    assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
    mail.await(email, s -> s.contains("bloquée")); // the lock warning to the owner

    browser.follow(askForCode(browser, email));
    browser.submit(
        "/password/reset",
        Map.of("email", email, "code", mail.awaitCode(email), "password", NEW_PASSWORD));

    assertThat(TestAccounts.login(browser, email, NEW_PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
  }
}
