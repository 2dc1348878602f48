package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When the accounts database is lost, login fails closed (nobody is authenticated, the page says
 * the service is unavailable) and the citizen pages answer 503 without internals.
 */
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:idnum-outage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "idnum.data-dir=target/test-data"
    })
class StorageOutageTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void whenTheDatabaseIsLostThenLoginFailsClosedAndPagesAnswer503() {
    Browser browser = new Browser(port);
    browser.get("/login");
    // Drops the database: the pool's next connection gets a new, empty one without the tables.
    jdbc.sql("SHUTDOWN").update();

    Browser.Page login =
        browser.submit(
            "/login",
            Map.of("username", DemoCitizenSeeder.EMAIL, "password", DemoCitizenSeeder.PASSWORD));
    assertThat(login.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?unavailable"));
    assertThat(browser.follow(login).body()).contains("momentanément indisponible");
    assertThat(browser.get("/account").status()).as("not authenticated").isEqualTo(302);

    browser.get("/password/forgot");
    Browser.Page forgot =
        browser.submit("/password/forgot", Map.of("email", TestAccounts.uniqueEmail("panne")));
    assertThat(forgot.status()).isEqualTo(503);
    assertThat(forgot.body())
        .contains("Service temporairement indisponible")
        .doesNotContain("Exception", "SQL", "h2");
  }
}
