package ca.idnum.auth.oidc.exchange;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.testing.TestServices;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token exchange on the {@code production} profile: PostgreSQL and Redis from scripts/test.sh. */
@ActiveProfiles("production")
@EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
class ProductionTokenExchangeFlowTest extends AbstractTokenExchangeFlowTest {

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    ProductionServices.register(
        registry, TestServices.newPostgresDatabase(), ProductionServices.randomKek());
  }
}
