package ca.idnum.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on the production profile: HTTP sessions in Redis, index in PostgreSQL. */
@ActiveProfiles("production")
@EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
class ProductionSessionLogoutTest extends AbstractSessionLogoutTest {

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("spring.session.redis.namespace", () -> "idnum-test-" + System.nanoTime());
    ProductionServices.register(
        registry, TestServices.newPostgresDatabase(), ProductionServices.randomKek());
  }

  @Autowired SessionRepository<?> sessions;

  @Test
  void httpSessionsAreInRedis() {
    assertThat(sessions.getClass().getSimpleName()).contains("Redis");
  }
}
