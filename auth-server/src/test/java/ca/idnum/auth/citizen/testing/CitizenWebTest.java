package ca.idnum.auth.citizen.testing;

import ca.idnum.auth.AuthServerApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole auth-server on a random port, on the embedded default (H2 in PostgreSQL mode, in memory
 * for speed; file mode is covered by the repository and restart tests), with the email sender
 * replaced by {@link CapturingEmailSender}. The per-address login limit is raised so that tests
 * sharing this context (all from 127.0.0.1) do not block each other, and progressive login delays
 * are off so that tests can fail logins in quick succession; both have their own tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:idnum-citizen-web;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "idnum.data-dir=target/test-data",
      "idnum.login.throttle.address-max-failures=10000",
      "idnum.login.throttle.form-max-per-address=10000",
      // tests fail logins in quick succession; progressive delays have their own tests
      "idnum.login.throttle.progressive-delay-after=0"
    })
@Import(CapturingEmailSender.Config.class)
public @interface CitizenWebTest {}
