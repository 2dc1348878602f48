package ca.idnum.auth.mandate;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.testing.TestServices;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mandates and delegated sessions on the {@code production} profile: PostgreSQL (Flyway V6), Redis
 * for HTTP sessions and the short-lived store (delegated authorizations).
 */
@ActiveProfiles("production")
@EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
class ProductionMandatesFlowTest extends AbstractMandatesFlowTest {

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("spring.session.redis.namespace", () -> "idnum-test-" + System.nanoTime());
    // Redis expires the progressive-delay keys in real time, which the test clock cannot move
    registry.add("idnum.login.throttle.progressive-delay-after", () -> "0");
    ProductionServices.register(
        registry, TestServices.newPostgresDatabase(), ProductionServices.randomKek());
  }
}
