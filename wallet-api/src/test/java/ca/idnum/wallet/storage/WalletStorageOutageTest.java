package ca.idnum.wallet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.wallet.WalletStorageClient;
import ca.idnum.sdk.wallet.WalletStorageException;
import ca.idnum.server.testing.TestServices;
import ca.idnum.wallet.WalletApiApplication;
import ca.idnum.wallet.support.TestAuthServer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When Redis (the DPoP replay cache shared by the nodes) is unreachable, the wallet storage API
 * fails closed: nobody is let in on a degraded path, the app gets {@code 503
 * temporarily_unavailable} with {@code Retry-After}, and no internals.
 */
class WalletStorageOutageTest {

  static boolean productionServices() {
    return TestServices.available() || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @Test
  @EnabledIf("productionServices")
  void whenRedisIsDownThenTheStorageApiAnswers503AndLetsNobodyIn() throws Exception {
    TestAuthServer auth = new TestAuthServer();
    int port;
    int closed;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      closed = b.getLocalPort();
    }
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    String base = "http://localhost:" + port;
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApiApplication.class)
            .profiles("production")
            .run(
                "--server.port=" + port,
                "--spring.datasource.url=" + TestServices.newPostgresDatabase(),
                "--spring.datasource.username=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + closed,
                "--spring.data.redis.timeout=500ms",
                "--idnum.kek=" + Base64.getEncoder().encodeToString(kek),
                "--idnum.wallet.base-url=" + base,
                "--idnum.wallet.auth-issuer=" + auth.issuer())) {
      ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
      TokenResponse token =
          new TokenResponse(
              auth.citizenAccessToken(
                  "citizen-outage",
                  "idnum:wallet",
                  base + "/wallet",
                  dpopKey.computeThumbprint().toString()),
              "DPoP",
              300,
              dpopKey);
      WalletStorageException e =
          catchThrowableOfType(
              WalletStorageException.class,
              () -> new WalletStorageClient(base, Clock.systemUTC()).list(token));
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.error()).isEqualTo("temporarily_unavailable");
      assertThat(e.getMessage()).doesNotContain("Redis", "Exception", "127.0.0.1");
    }
  }
}
