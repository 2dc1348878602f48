package ca.idnum.auth.citizen.registration;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CitizenWebTest
class RegistrationFlowTest {

  @LocalServerPort int port;
  @Autowired CapturingEmailSender mail;
  @Autowired CitizenAccountRepository accounts;

  private Browser.Page register(Browser browser, String email, String password) {
    browser.get("/register");
    return browser.submit(
        "/register",
        Map.of(
            "givenName", "Marie-Ève", "familyName", "Côté", "email", email, "password", password));
  }

  @Test
  void whenACitizenRegistersAndEntersTheEmailedCodeThenTheyCanLogInAndSeeTheirAccount() {
    Browser browser = new Browser(port);
    String email = TestAccounts.uniqueEmail("inscription");

    Browser.Page registered = register(browser, email, TestAccounts.PASSWORD);
    assertThat(registered.status()).isEqualTo(302);
    assertThat(registered.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/register/verify"));
    assertThat(accounts.findByEmail(EmailAddress.of(email))).isEmpty();

    Browser.Page verifyPage = browser.follow(registered);
    assertThat(verifyPage.status()).isEqualTo(200);
    assertThat(verifyPage.body()).contains("value=\"" + email + "\"");

    String code = mail.awaitCode(email);
    Browser.Page verified =
        browser.submit("/register/verify", Map.of("email", email, "code", code));
    assertThat(verified.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?registered"));
    assertThat(accounts.findByEmail(EmailAddress.of(email)))
        .hasValueSatisfying(
            a -> {
              assertThat(a.emailVerified()).isTrue();
              assertThat(a.givenName()).isEqualTo("Marie-Ève");
              assertThat(a.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            });

    Browser.Page login = TestAccounts.login(browser, email, TestAccounts.PASSWORD);
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    Browser.Page account = browser.follow(login);
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body()).contains("Marie-Ève", "Côté", email);
  }

  @Test
  void whenTheCodeIsWrongThenNoAccountIsCreatedAndTheFieldErrorIsShown() {
    Browser browser = new Browser(port);
    String email = TestAccounts.uniqueEmail("mauvais-code");
    browser.follow(register(browser, email, TestAccounts.PASSWORD));
    String code = mail.awaitCode(email);
    String wrong = code.equals("00000000") ? "11111111" : "00000000";

    Browser.Page page = browser.submit("/register/verify", Map.of("email", email, "code", wrong));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("error-summary", "href=\"#code\"", "Ce code est incorrect");
    assertThat(accounts.findByEmail(EmailAddress.of(email))).isEmpty();
  }

  @Test
  void whenTheCodeIsGuessedTooOftenThenEvenTheRightCodeNoLongerWorks() {
    Browser browser = new Browser(port);
    String email = TestAccounts.uniqueEmail("essais");
    browser.follow(register(browser, email, TestAccounts.PASSWORD));
    String code = mail.awaitCode(email);
    String wrong = code.equals("00000000") ? "11111111" : "00000000";
    for (int i = 0; i < RegistrationService.MAX_ATTEMPTS; i++) {
      browser.submit("/register/verify", Map.of("email", email, "code", wrong));
    }

    Browser.Page page = browser.submit("/register/verify", Map.of("email", email, "code", code));

    assertThat(page.status()).isEqualTo(200);
    assertThat(accounts.findByEmail(EmailAddress.of(email))).isEmpty();
  }

  @Test
  void whenAnAddressAlreadyHasAnAccountThenRegistrationLooksTheSameAndTheOwnerIsNotified() {
    String existing = TestAccounts.uniqueEmail("existant");
    Browser first = new Browser(port);
    first.follow(register(first, existing, TestAccounts.PASSWORD));
    first.submit("/register/verify", Map.of("email", existing, "code", mail.awaitCode(existing)));
    String hashBefore =
        accounts.findByEmail(EmailAddress.of(existing)).orElseThrow().passwordHash();

    Browser attacker = new Browser(port);
    Browser.Page again = register(attacker, existing, "un tout autre mot de passe secret");
    Browser newcomer = new Browser(port);
    String fresh = TestAccounts.uniqueEmail("nouveau");
    Browser.Page brandNew = register(newcomer, fresh, TestAccounts.PASSWORD);

    assertThat(again.status()).isEqualTo(brandNew.status()).isEqualTo(302);
    assertThat(again.location()).isEqualTo(brandNew.location());
    String againPage = Browser.comparable(attacker.follow(again).body(), existing);
    String newPage = Browser.comparable(newcomer.follow(brandNew).body(), fresh);
    assertThat(againPage).isEqualTo(newPage);

    assertThat(mail.await(existing, s -> s.contains("tentative d’inscription")).body())
        .doesNotContainPattern("\\d{8}");
    mail.awaitCode(fresh);
    assertThat(accounts.findByEmail(EmailAddress.of(existing)).orElseThrow().passwordHash())
        .isEqualTo(hashBefore);
  }

  @Test
  void whenTheFormHasErrorsThenEachIsListedInASummaryLinkedToItsField() {
    Browser browser = new Browser(port);
    browser.get("/register");
    Browser.Page page =
        browser.submit(
            "/register",
            Map.of(
                "givenName",
                " ",
                "familyName",
                "Roy",
                "email",
                "pas-une-adresse",
                "password",
                "court"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "role=\"alert\"",
            "href=\"#givenName\"",
            "href=\"#email\"",
            "href=\"#password\"",
            "Entrez votre prénom.",
            "Entrez une adresse courriel valide",
            "au moins 15 caractères",
            "aria-invalid=\"true\"")
        .doesNotContain("value=\"court\"");
  }

  @Test
  void whenThePasswordIsTheEmailAddressThenItIsRefused() {
    Browser browser = new Browser(port);
    browser.get("/register?lang=en");
    String email = "someone.with.a.long.address@example.ca";
    Browser.Page page =
        browser.submit(
            "/register",
            Map.of("givenName", "Sam", "familyName", "Roy", "email", email, "password", email));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("must not contain your email address");
  }
}
