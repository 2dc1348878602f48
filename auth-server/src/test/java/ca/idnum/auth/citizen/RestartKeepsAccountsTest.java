package ca.idnum.auth.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.email.LoggingEmailSender;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default keeps its accounts in the H2 file under the data folder: register, stop,
 * start again, log in. Also: the demo citizen is seeded once, however many times the server starts.
 */
class RestartKeepsAccountsTest {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(
            AuthServerApplication.class, CapturingEmailSender.Config.class)
        .run("--server.port=0", "--idnum.data-dir=" + dataDir);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void whenTheServerRestartsThenRegisteredAccountsCanStillLogIn() {
    String email = TestAccounts.uniqueEmail("redemarrage");
    try (ConfigurableApplicationContext first = start()) {
      assertThat(first.getBean(LoggingEmailSender.class).includesContent())
          .as("the embedded default logs messages, codes included")
          .isTrue();
      Browser browser = new Browser(port(first));
      browser.get("/register");
      browser.follow(
          browser.submit(
              "/register",
              Map.of(
                  "givenName",
                  "Léa",
                  "familyName",
                  "Roy",
                  "email",
                  email,
                  "password",
                  TestAccounts.PASSWORD)));
      String code = first.getBean(CapturingEmailSender.class).awaitCode(email);
      assertThat(
              browser.submit("/register/verify", Map.of("email", email, "code", code)).location())
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login?registered"));
    }
    assertThat(Files.exists(dataDir.resolve("idnum-auth.mv.db"))).isTrue();

    try (ConfigurableApplicationContext second = start()) {
      Browser browser = new Browser(port(second));
      assertThat(TestAccounts.login(browser, email, TestAccounts.PASSWORD).location())
          .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
      assertThat(
              TestAccounts.login(
                      new Browser(port(second)),
                      DemoCitizenSeeder.EMAIL,
                      DemoCitizenSeeder.PASSWORD)
                  .location())
          .hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
      assertThat(
              second
                  .getBean(CitizenAccountRepository.class)
                  .findByEmail(EmailAddress.of(DemoCitizenSeeder.EMAIL)))
          .isPresent();
    }
  }
}
