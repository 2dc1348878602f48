package ca.idnum.auth.oidc.support;

import ca.idnum.server.testing.TestServices;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Properties for the production profile against the PostgreSQL and Redis of scripts/test.sh. */
public final class ProductionServices {

  private ProductionServices() {}

  /** Whether to run: the services are there, or on CI (where their absence must fail). */
  public static boolean enabled() {
    return TestServices.available() || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static String randomKek() {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    return Base64.getEncoder().encodeToString(kek);
  }

  /** Registers datasource, Redis and key-encryption key for a fresh database. */
  public static void register(DynamicPropertyRegistry registry, String databaseUrl, String kek) {
    registry.add("spring.datasource.url", () -> databaseUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.data.redis.host", TestServices::redisHost);
    registry.add("spring.data.redis.port", TestServices::redisPort);
    registry.add("idnum.kek", () -> kek);
    registry.add("idnum.store-prefix", () -> "idnum-test-" + System.nanoTime() + ":");
  }
}
