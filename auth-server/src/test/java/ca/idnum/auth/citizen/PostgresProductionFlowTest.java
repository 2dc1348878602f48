package ca.idnum.auth.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.email.LoggingEmailSender;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.TestAccounts;
import ca.idnum.server.testing.TestServices;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production profile against the real PostgreSQL (and Redis) that {@code scripts/test.sh}
 * starts: Flyway runs the same scripts, a citizen registers, verifies and logs in, pages carry
 * HSTS, and email content never reaches the log.
 */
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CapturingEmailSender.Config.class)
@ActiveProfiles("production")
class PostgresProductionFlowTest {

  @BeforeAll
  static void requireServices() {
    // Skips (or, on CI, fails) before the context is built when scripts/test.sh did not start them.
    TestServices.redisHost();
    TestServices.newPostgresDatabase();
  }

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestServices::newPostgresDatabase);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.data.redis.host", TestServices::redisHost);
    registry.add("spring.data.redis.port", TestServices::redisPort);
    registry.add("idnum.kek", () -> Base64.getEncoder().encodeToString(new byte[32]));
    registry.add("idnum.data-dir", () -> "target/test-data");
    // Login throttle counters live in Redis: keep this class's apart from other runs'.
    registry.add("idnum.store-prefix", () -> "idnum-citizen-" + System.nanoTime() + ":");
  }

  @LocalServerPort int port;
  @Autowired CapturingEmailSender mail;
  @Autowired CitizenAccountRepository accounts;
  @Autowired LoggingEmailSender loggingSender;

  @Test
  void whenACitizenRegistersOnPostgresThenTheyCanLogInAndPagesCarryHsts() {
    Browser browser = new Browser(port);
    String email = TestAccounts.uniqueEmail("postgres");
    Browser.Page form = browser.get("/register");
    assertThat(form.header("Strict-Transport-Security"))
        .hasValueSatisfying(h -> assertThat(h).contains("max-age=31536000", "includeSubDomains"));

    browser.follow(
        browser.submit(
            "/register",
            Map.of(
                "givenName",
                "Noémie",
                "familyName",
                "Lévesque",
                "email",
                email,
                "password",
                TestAccounts.PASSWORD)));
    Browser.Page verified =
        browser.submit("/register/verify", Map.of("email", email, "code", mail.awaitCode(email)));
    assertThat(verified.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?registered"));

    Browser.Page login = TestAccounts.login(browser, email, TestAccounts.PASSWORD);
    assertThat(login.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
    assertThat(browser.follow(login).body()).contains("Noémie", "Lévesque");
    assertThat(accounts.findByEmail(EmailAddress.of(email))).isPresent();
  }

  @Test
  void whenAProfileIsActiveThenTheDefaultSenderNeverLogsMessageContent() {
    assertThat(loggingSender.includesContent()).isFalse();
  }
}
