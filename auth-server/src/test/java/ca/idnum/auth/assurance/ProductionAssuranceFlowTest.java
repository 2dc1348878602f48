package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.testing.TestServices;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Levels of assurance on the {@code production} profile: PostgreSQL (Flyway) and Redis for the
 * short-lived store (authorizations, pushed requests read by the step-up and {@code max_age}).
 */
@ActiveProfiles("production")
@EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
class ProductionAssuranceFlowTest extends AbstractAssuranceFlowTest {

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    // Redis expires the progressive-delay keys in real time, which the test clock cannot move;
    // the delays have their own tests (SlidingWindowAndDelayTest).
    registry.add("idnum.login.throttle.progressive-delay-after", () -> "0");
    ProductionServices.register(
        registry, TestServices.newPostgresDatabase(), ProductionServices.randomKek());
  }
}
