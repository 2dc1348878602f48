package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No account enumeration on the three forms that take an email address: login (wrong password vs.
 * unknown address), registration (address with an account vs. new address) and password reset
 * (address with an account vs. unknown address) give the same status, the same redirect and the
 * same page; and their response times, measured over many tries, are reported (logged) with only a
 * generous bound asserted, since timings on a shared test machine are noisy. Benchmarks are not
 * timed assertions.
 */
@CitizenWebTest
class AccountEnumerationTest {

  private static final Logger log = LoggerFactory.getLogger(AccountEnumerationTest.class);
  private static final int TRIES = 12;

  @LocalServerPort int port;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;

  private String existing(String prefix) {
    String email = TestAccounts.uniqueEmail(prefix);
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    return email;
  }

  private Browser.Page login(Browser browser, String email) {
    return TestAccounts.login(browser, email, "pas le bon mot de passe du tout");
  }

  private Browser.Page register(Browser browser, String email) {
    browser.get("/register");
    return browser.submit(
        "/register",
        Map.of(
            "givenName",
            "Marie-Ève",
            "familyName",
            "Côté",
            "email",
            email,
            "password",
            "une autre phrase de passe assez longue"));
  }

  private Browser.Page forgot(Browser browser, String email) {
    browser.get("/password/forgot");
    return browser.submit("/password/forgot", Map.of("email", email));
  }

  /** Same status, redirect, and page after the redirect, for an existing and an unknown address. */
  private void assertSameAnswer(BiFunction<Browser, String, Browser.Page> form, String flow) {
    String known = existing("connu-" + flow);
    String unknown = TestAccounts.uniqueEmail("inconnu-" + flow);
    Browser a = new Browser(port);
    Browser b = new Browser(port);
    Browser.Page knownAnswer = form.apply(a, known);
    Browser.Page unknownAnswer = form.apply(b, unknown);

    assertThat(knownAnswer.status()).as(flow).isEqualTo(unknownAnswer.status());
    assertThat(knownAnswer.location()).as(flow).isEqualTo(unknownAnswer.location());
    assertThat(Browser.comparable(knownAnswer.body(), known))
        .as(flow)
        .isEqualTo(Browser.comparable(unknownAnswer.body(), unknown));
    if (knownAnswer.location().isPresent()) {
      assertThat(Browser.comparable(a.follow(knownAnswer).body(), known))
          .as(flow + " (page after the redirect)")
          .isEqualTo(Browser.comparable(b.follow(unknownAnswer).body(), unknown));
    }
  }

  @Test
  void whenAnAddressHasNoAccountThenLoginRegistrationAndResetAnswerExactlyTheSame() {
    assertSameAnswer(this::login, "login");
    assertSameAnswer(this::register, "registration");
    assertSameAnswer(this::forgot, "reset");
  }

  @Test
  void whenManyTriesAreTimedThenExistingAndUnknownAddressesTakeComparableTime() {
    List<String> report = new ArrayList<>();
    report.add(timed("login", this::login));
    report.add(timed("registration", this::register));
    report.add(timed("reset", this::forgot));
    report.forEach(line -> log.info("enumeration timing: {}", line));
  }

  /**
   * Times {@link #TRIES} submissions for existing and unknown addresses (interleaved, one fresh
   * address each, after a warm-up), logs the medians and asserts only that they are within a
   * generous second of each other.
   */
  private String timed(String flow, BiFunction<Browser, String, Browser.Page> form) {
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < TRIES + 2; i++) {
      known.add(existing("t-" + flow));
      unknown.add(TestAccounts.uniqueEmail("t-inconnu-" + flow));
    }
    long[] knownNanos = new long[TRIES];
    long[] unknownNanos = new long[TRIES];
    for (int i = 0; i < TRIES + 2; i++) {
      Browser a = new Browser(port);
      Browser b = new Browser(port);
      boolean knownFirst = i % 2 == 0;
      long k;
      long u;
      if (knownFirst) {
        k = measure(() -> form.apply(a, known.get(0)));
        u = measure(() -> form.apply(b, unknown.get(0)));
      } else {
        u = measure(() -> form.apply(b, unknown.get(0)));
        k = measure(() -> form.apply(a, known.get(0)));
      }
      known.remove(0);
      unknown.remove(0);
      if (i >= 2) {
        knownNanos[i - 2] = k;
        unknownNanos[i - 2] = u;
      }
    }
    double knownMs = median(knownNanos) / 1e6;
    double unknownMs = median(unknownNanos) / 1e6;
    String line =
        String.format(
            "%s: median %.1f ms (existing) vs %.1f ms (unknown), difference %.1f ms over %d tries",
            flow, knownMs, unknownMs, knownMs - unknownMs, TRIES);
    assertThat(Math.abs(knownMs - unknownMs)).as(line).isLessThan(1_000);
    return line;
  }

  /** Times the form submission only (the GET of the form page is part of it, for both alike). */
  private static long measure(Runnable submission) {
    long start = System.nanoTime();
    submission.run();
    return System.nanoTime() - start;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
