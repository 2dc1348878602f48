package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The per-client-address limit over real HTTP: failures spread over many addresses (password
 * spraying) block the client, even for a correct password of another account.
 */
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:idnum-address-throttle;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "idnum.data-dir=target/test-data",
      "idnum.login.throttle.address-max-failures=3"
    })
class AddressThrottleTest {

  @LocalServerPort int port;

  @Test
  void whenOneClientFailsAcrossSeveralAccountsThenItIsBlockedForEveryAccount() {
    Browser browser = new Browser(port);
    for (int i = 0; i < 3; i++) {
      assertThat(
              TestAccounts.login(
                      browser, TestAccounts.uniqueEmail("cible" + i), "pulvérisation 2026")
                  .location())
          .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    assertThat(
            TestAccounts.login(browser, DemoCitizenSeeder.EMAIL, DemoCitizenSeeder.PASSWORD)
                .location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?locked"));
  }
}
