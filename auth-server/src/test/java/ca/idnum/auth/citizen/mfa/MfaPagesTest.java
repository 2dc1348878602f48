package ca.idnum.auth.citizen.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import ca.idnum.auth.oidc.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The security page over real HTTP: TOTP enrolment (QR code, manual key, ten recovery codes shown
 * once), a code accepted once, recovery codes used once, the fresh password required to change
 * authenticators, the notice sent to the citizen, CSRF protection.
 */
@CitizenWebTest
@Import(MfaPagesTest.Clocked.class)
class MfaPagesTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocked {
    @Bean
    @Primary
    MutableClock mfaTestClock() {
      return new MutableClock();
    }
  }

  private static final Pattern KEY = Pattern.compile("id=\"manual-key\">([A-Z2-7 ]+)<");
  private static final Pattern CODE = Pattern.compile("<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>");

  @LocalServerPort int port;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired MutableClock clock;
  @Autowired TotpAuthenticators totp;
  @Autowired RecoveryCodes recoveryCodes;
  @Autowired CapturingEmailSender emails;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private record Enrolled(
      CitizenAccount account, Browser browser, TotpSecret secret, List<String> codes) {}

  private Enrolled enrol() {
    String email = TestAccounts.uniqueEmail("mfa");
    CitizenAccount account = TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).status()).isEqualTo(302);
    Browser.Page page = browser.get("/account/security/totp");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("<svg", "role=\"img\"", "otpauth").doesNotContain("<script>");
    Matcher key = KEY.matcher(page.body());
    assertThat(key.find()).isTrue();
    TotpSecret secret = TotpSecret.fromBase32(key.group(1));
    // a wrong code keeps the same key on the page and says so
    Browser.Page wrong = browser.submit("/account/security/totp", Map.of("code", "000000"));
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body()).contains("error-summary");
    String code = Totp.code(secret, Totp.step(clock.instant()));
    if ("000000".equals(code)) {
      clock.shift(Duration.ofSeconds(30));
      code = Totp.code(secret, Totp.step(clock.instant()));
    }
    Browser.Page codes = browser.submit("/account/security/totp", Map.of("code", code));
    assertThat(codes.status()).as(codes.body()).isEqualTo(200);
    List<String> recovery = new ArrayList<>();
    Matcher m = CODE.matcher(codes.body());
    while (m.find()) {
      recovery.add(m.group(1));
    }
    return new Enrolled(account, browser, secret, recovery);
  }

  @Test
  void whenTotpIsEnrolledThenTenRecoveryCodesAreShownOnceAndTheCitizenIsNotified() {
    Enrolled enrolled = enrol();
    assertThat(enrolled.codes()).hasSize(10).doesNotHaveDuplicates();
    assertThat(totp.enrolled(enrolled.account().id())).isTrue();
    assertThat(recoveryCodes.remaining(enrolled.account().id())).isEqualTo(10);
    assertThat(
            emails.await(enrolled.account().email().normalized(), s -> s.contains("IdNum")).body())
        .contains("application d’authentification");
    Browser.Page security = enrolled.browser().get("/account/security");
    assertThat(security.body()).contains("10").doesNotContain(enrolled.codes().get(0));
  }

  @Test
  void whenATotpCodeIsReplayedThenItIsRefusedEvenInAnotherSession() {
    Enrolled enrolled = enrol();
    clock.shift(Duration.ofSeconds(60)); // past the enrolment code's step
    String code = Totp.code(enrolled.secret(), Totp.step(clock.instant()));
    Browser first = loggedIn(enrolled);
    first.get("/login/totp");
    assertThat(target(first.submit("/login/totp", Map.of("code", code)))).isEqualTo("/account");
    Browser second = loggedIn(enrolled);
    second.get("/login/totp");
    Browser.Page replay = second.submit("/login/totp", Map.of("code", code));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body()).contains("error-summary");
    // an older code (previous step, still in the window) is refused after a newer one
    String previous = Totp.code(enrolled.secret(), Totp.step(clock.instant()) - 1);
    assertThat(totp.verify(enrolled.account().id(), previous)).isFalse();
    clock.shift(Duration.ofSeconds(30));
    assertThat(
            totp.verify(
                enrolled.account().id(), Totp.code(enrolled.secret(), Totp.step(clock.instant()))))
        .isTrue();
  }

  @Test
  void whenARecoveryCodeIsUsedThenItWorksOnceOnly() {
    Enrolled enrolled = enrol();
    String code = enrolled.codes().get(3);
    Browser first = loggedIn(enrolled);
    first.get("/login/totp");
    assertThat(
            target(
                first.submit("/login/recovery-code", Map.of("recovery_code", code.toLowerCase()))))
        .isEqualTo("/account");
    assertThat(recoveryCodes.remaining(enrolled.account().id())).isEqualTo(9);
    Browser second = loggedIn(enrolled);
    second.get("/login/totp");
    Browser.Page again = second.submit("/login/recovery-code", Map.of("recovery_code", code));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("error-summary");
    assertThat(recoveryCodes.use(enrolled.account().id(), "NOT-A-CODE")).isFalse();
  }

  @Test
  void whenThePasswordIsNoLongerFreshThenChangingAnAuthenticatorAsksForItAgain() {
    Enrolled enrolled = enrol();
    clock.shift(Duration.ofMinutes(6));
    Browser browser = enrolled.browser();
    assertThat(target(browser.get("/account/security/totp")))
        .isEqualTo("/account/security/confirm?next=/account/security/totp");
    browser.get("/account/security");
    assertThat(target(browser.submit("/account/security/totp/remove", Map.of())))
        .isEqualTo("/account/security/confirm?next=/account/security");
    assertThat(totp.enrolled(enrolled.account().id())).isTrue();
    Browser.Page confirm = browser.get("/account/security/confirm?next=/account/security");
    assertThat(confirm.status()).isEqualTo(200);
    Browser.Page wrong =
        browser.submit(
            "/account/security/confirm",
            Map.of("password", "not my password", "next", "/account/security"));
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body()).contains("error-summary");
    Browser.Page right =
        browser.submit(
            "/account/security/confirm",
            Map.of("password", TestAccounts.PASSWORD, "next", "https://evil.example/"));
    assertThat(target(right)).isEqualTo("/account/security");
    browser.get("/account/security");
    assertThat(target(browser.submit("/account/security/totp/remove", Map.of())))
        .isEqualTo("/account/security");
    assertThat(totp.enrolled(enrolled.account().id())).isFalse();
    assertThat(recoveryCodes.remaining(enrolled.account().id())).isZero();
    assertThat(emails.to(enrolled.account().email().normalized()))
        .anyMatch(m -> m.body().contains("retirée"));
  }

  @Test
  void whenTooManyWrongCodesAreTypedThenTheStepUpIsLockedEvenForTheRightCode() {
    Enrolled enrolled = enrol();
    clock.shift(Duration.ofSeconds(60));
    Browser browser = loggedIn(enrolled);
    browser.get("/login/totp");
    String right = Totp.code(enrolled.secret(), Totp.step(clock.instant()));
    String wrong = right.equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 5; i++) {
      assertThat(browser.submit("/login/totp", Map.of("code", wrong)).status()).isEqualTo(200);
    }
    Browser.Page locked = browser.submit("/login/totp", Map.of("code", right));
    assertThat(locked.status()).isEqualTo(200);
    assertThat(locked.body()).contains("Trop de tentatives");
    // the code was not consumed: after the lock it still works (within its window)
    clock.shift(Duration.ofMinutes(16));
    assertThat(
            totp.verify(
                enrolled.account().id(), Totp.code(enrolled.secret(), Totp.step(clock.instant()))))
        .isTrue();
  }

  @Test
  void whenAFormIsPostedWithoutItsCsrfTokenThenItIsRefused() {
    Enrolled enrolled = enrol();
    Browser.Page page = enrolled.browser().post("/account/security/totp/remove", Map.of());
    assertThat(page.status()).isEqualTo(403);
    assertThat(totp.enrolled(enrolled.account().id())).isTrue();
  }

  /** The path and query a redirect points to. */
  private static String target(Browser.Page page) {
    java.net.URI uri = java.net.URI.create(page.location().orElse(""));
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private Browser loggedIn(Enrolled enrolled) {
    Browser browser = new Browser(port);
    assertThat(
            TestAccounts.login(browser, enrolled.account().email().value(), TestAccounts.PASSWORD)
                .status())
        .isEqualTo(302);
    return browser;
  }
}
