package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

@CitizenWebTest
class LoginTest {

  @LocalServerPort int port;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired AuthenticationManager citizenAuthenticationManager;
  @Autowired CitizenDirectory directory;

  @Test
  void whenTheDemoCitizenLogsInThenTheAccountPageShowsTheirProfile() {
    Browser browser = new Browser(port);
    Browser.Page login =
        TestAccounts.login(browser, DemoCitizenSeeder.EMAIL, DemoCitizenSeeder.PASSWORD);
    assertThat(login.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    assertThat(browser.follow(login).body())
        .contains(DemoCitizenSeeder.GIVEN_NAME, DemoCitizenSeeder.FAMILY_NAME);
  }

  @Test
  void whenACitizenAuthenticatesThenTheNameIsTheirUuidAndThePasswordFactorIsRecorded() {
    String email = TestAccounts.uniqueEmail("uuid");
    CitizenAccount account = TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);

    Authentication result =
        citizenAuthenticationManager.authenticate(
            UsernamePasswordAuthenticationToken.unauthenticated(
                email.toUpperCase(), TestAccounts.PASSWORD));

    assertThat(result.getName()).isEqualTo(account.id().toString());
    assertThat(result.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .contains("FACTOR_PASSWORD", CitizenUserDetailsService.CITIZEN_AUTHORITY);
    CitizenProfile profile = directory.find(CitizenId.parse(result.getName())).orElseThrow();
    assertThat(profile.email()).isEqualTo(email);
    assertThat(profile.emailVerified()).isTrue();
    assertThat(profile.givenName()).contains("Alex");
    assertThat(profile.locale()).contains("fr-CA");
  }

  @Test
  void whenThePasswordIsWrongOrTheAddressUnknownThenTheAnswerIsTheSame() {
    String email = TestAccounts.uniqueEmail("mauvais");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser one = new Browser(port);
    Browser other = new Browser(port);

    Browser.Page wrongPassword = TestAccounts.login(one, email, "pas le bon mot de passe du tout");
    String unknownEmail = TestAccounts.uniqueEmail("inconnu");
    Browser.Page unknown = TestAccounts.login(other, unknownEmail, "pas le bon mot de passe");

    assertThat(wrongPassword.status()).isEqualTo(unknown.status()).isEqualTo(302);
    assertThat(wrongPassword.location()).isEqualTo(unknown.location());
    assertThat(wrongPassword.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    String onePage = one.follow(wrongPassword).body();
    assertThat(onePage).contains("L’adresse courriel ou le mot de passe est incorrect.");
    assertThat(Browser.comparable(onePage, email))
        .isEqualTo(Browser.comparable(other.follow(unknown).body(), unknownEmail));
  }

  @Test
  void whenTooManyPasswordsFailThenTheAccountIsLockedEvenForTheRightPassword() {
    String email = TestAccounts.uniqueEmail("verrou");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    for (int i = 0; i < 5; i++) {
      assertThat(TestAccounts.login(browser, email, "mauvais mot de passe numero " + i).location())
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    Browser.Page locked = TestAccounts.login(browser, email, TestAccounts.PASSWORD);

    assertThat(locked.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
    assertThat(browser.follow(locked).body()).contains("Trop de tentatives");
  }

  @Test
  void whenAnUnknownAddressFailsTooOftenThenItIsLockedTheSameWay() {
    String email = TestAccounts.uniqueEmail("fantome");
    Browser browser = new Browser(port);
    for (int i = 0; i < 5; i++) {
      TestAccounts.login(browser, email, "mauvais mot de passe numero " + i);
    }
    assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
  }

  @Test
  void whenTheStoredHashUsesWeakerArgon2ParametersThenLoginRehashesIt() {
    String email = TestAccounts.uniqueEmail("rehash");
    TestAccounts.create(
        accounts, PasswordHasher.withUncheckedCost(4096, 1, 1), email, TestAccounts.PASSWORD);
    assertThat(accounts.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash())
        .startsWith("$argon2id$v=19$m=4096,t=1,p=1$");

    Browser.Page login = TestAccounts.login(new Browser(port), email, TestAccounts.PASSWORD);

    assertThat(login.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    String upgraded = accounts.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash();
    assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(TestAccounts.login(new Browser(port), email, TestAccounts.PASSWORD).location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
  }

  @Test
  void whenThePasswordIsTypedInAnotherUnicodeFormThenItStillMatches() {
    String email = TestAccounts.uniqueEmail("unicode");
    // "é" precomposed (U+00E9) at registration, decomposed (e + U+0301) at login; and a
    // full-width digit, which NFKC folds to ASCII.
    TestAccounts.create(accounts, hasher, email, "mot de passe très long ２０２６");
    Browser.Page login =
        TestAccounts.login(new Browser(port), email, "mot de passe tre\u0300s long 2026");
    assertThat(login.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
  }

  @Test
  void whenTheLoginFormIsPostedWithoutItsCsrfTokenThenItIsRefused() {
    Browser browser = new Browser(port);
    browser.get("/login");
    Browser.Page page =
        browser.post(
            "/login",
            Map.of("username", DemoCitizenSeeder.EMAIL, "password", DemoCitizenSeeder.PASSWORD));
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).doesNotContain("Exception", "at org.");
  }

  @Test
  void whenACitizenSignsOutThenTheAccountPageAsksToLogInAgain() {
    Browser browser = new Browser(port);
    browser.follow(
        TestAccounts.login(browser, DemoCitizenSeeder.EMAIL, DemoCitizenSeeder.PASSWORD));

    Browser.Page logout = browser.submit("/logout", Map.of());

    assertThat(logout.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/?logout"));
    assertThat(browser.follow(logout).body()).contains("Vous êtes déconnecté.");
    Browser.Page account = browser.get("/account");
    assertThat(account.status()).isEqualTo(302);
    assertThat(account.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }
}
