package ca.idnum.auth.oidc.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.server.testing.TestServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same flows on the {@code production} profile: PostgreSQL (Flyway) and Redis (Lettuce) from
 * scripts/test.sh, key-encryption key from configuration.
 */
@ActiveProfiles("production")
@EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
class ProductionOidcFlowTest extends AbstractOidcFlowTest {

  @DynamicPropertySource
  static void production(DynamicPropertyRegistry registry) {
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    ProductionServices.register(
        registry, TestServices.newPostgresDatabase(), ProductionServices.randomKek());
  }

  @Autowired ShortLivedStore store;
  @Autowired DataSource dataSource;

  @Test
  void runsOnRedisAndPostgres() throws Exception {
    assertThat(store).isInstanceOf(RedisShortLivedStore.class);
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
  }
}
