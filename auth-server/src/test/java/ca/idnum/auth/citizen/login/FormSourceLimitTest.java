package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CapturingEmailSender;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The per-source-address limit of the registration and password-reset forms: beyond the maximum
 * within the window, one client address gets the bilingual "too many requests" page (429), whatever
 * the address typed; reading the forms stays possible.
 */
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:idnum-form-limit;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "idnum.data-dir=target/test-data",
      "idnum.login.throttle.form-max-per-address=3"
    })
@Import(CapturingEmailSender.Config.class)
class FormSourceLimitTest {

  @LocalServerPort int port;

  @Test
  void whenOneClientSubmitsTheFormsTooOftenThenItGetsTooManyRequestsInItsLanguage() {
    Browser browser = new Browser(port);
    for (int i = 0; i < 3; i++) {
      browser.get("/password/forgot");
      Browser.Page page =
          browser.submit(
              "/password/forgot", Map.of("email", TestAccounts.uniqueEmail("limite" + i)));
      assertThat(page.status()).as("submission %s", i).isEqualTo(302);
    }

    browser.get("/register?lang=en");
    Browser.Page refused =
        browser.submit(
            "/register",
            Map.of(
                "givenName",
                "Marie",
                "familyName",
                "Côté",
                "email",
                TestAccounts.uniqueEmail("limite"),
                "password",
                TestAccounts.PASSWORD));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).contains("900");
    assertThat(refused.body()).contains("Too many requests").doesNotContain("Exception");
    assertThat(browser.get("/password/forgot").status())
        .as("reading stays possible")
        .isEqualTo(200);
  }
}
