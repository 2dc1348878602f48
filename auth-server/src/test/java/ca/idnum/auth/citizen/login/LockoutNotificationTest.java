package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.EmailMessage;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The owner of an account locked by failed logins is told by email; nobody else is. */
@CitizenWebTest
class LockoutNotificationTest {

  @LocalServerPort int port;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired CapturingEmailSender mail;

  @Test
  void whenFailedLoginsLockAnAccountThenItsOwnerIsEmailedOnceInTheirLanguage() {
    String email = TestAccounts.uniqueEmail("averti");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    for (int i = 0; i < 5; i++) {
      TestAccounts.login(browser, email, "mauvais mot de passe numero " + i);
    }
    assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));

    EmailMessage warning = mail.await(email, s -> s.contains("bloquée"));
    assertThat(warning.body()).contains("15 minutes").contains("Mot de passe oublié");
    // attempts while locked do not send more warnings
    TestAccounts.login(browser, email, "encore un mauvais mot de passe");
    assertThat(mail.to(email)).isEmpty();
  }

  @Test
  void whenAnAddressWithoutAccountIsLockedThenNobodyIsEmailed() {
    String email = TestAccounts.uniqueEmail("personne");
    Browser browser = new Browser(port);
    for (int i = 0; i < 5; i++) {
      TestAccounts.login(browser, email, "mauvais mot de passe numero " + i);
    }
    assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
    assertThat(mail.to(email)).isEmpty();
  }
}
