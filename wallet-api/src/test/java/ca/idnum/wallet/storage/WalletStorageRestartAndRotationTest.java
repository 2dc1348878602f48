package ca.idnum.wallet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.wallet.WalletStorageClient;
import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.server.testing.TestServices;
import ca.idnum.wallet.WalletApiApplication;
import ca.idnum.wallet.issuer.PlatformKeyStore;
import ca.idnum.wallet.support.TestAuthServer;
import ca.idnum.wallet.support.TestCredentials;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a citizen stored survives restarts, and a key-encryption key rotation without downtime: the
 * node restarted with a new KEK (the old one kept under {@code idnum.kek-previous}) serves the data
 * at once, re-wraps the data keys in the background, and after that the old KEK can be removed. On
 * the embedded default (H2 file) and on the {@code production} profile (PostgreSQL + Redis).
 */
class WalletStorageRestartAndRotationTest {

  private final TestAuthServer auth = new TestAuthServer();

  @Test
  void whenTheEmbeddedDefaultRestartsWithARotatedKekThenNothingIsLostAndKeysAreRewrapped()
      throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put("idnum.data-dir", Files.createTempDirectory("idnum-wallet-storage").toString());
    restartAndRotate(props, new String[0]);
  }

  static boolean productionServices() {
    return TestServices.available() || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @Test
  @EnabledIf("productionServices")
  void whenTheProductionProfileRestartsWithARotatedKekThenNothingIsLostAndKeysAreRewrapped()
      throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put("spring.datasource.url", TestServices.newPostgresDatabase());
    props.put("spring.datasource.username", "postgres");
    props.put("spring.data.redis.host", TestServices.redisHost());
    props.put("spring.data.redis.port", TestServices.redisPort());
    props.put("idnum.store-prefix", "wallet-storage-test-" + System.nanoTime() + ":");
    restartAndRotate(props, new String[] {"production"});
  }

  private void restartAndRotate(Map<String, Object> props, String[] profiles) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String base = "http://localhost:" + port;
    props.put("server.port", port);
    props.put("idnum.wallet.base-url", base);
    props.put("idnum.wallet.auth-issuer", auth.issuer());
    String k1 = randomKek();
    String k2 = randomKek();
    String citizen = "citizen-" + UUID.randomUUID();
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
    String credential = TestCredentials.sdJwtVc(holderKey, "urn:idnum:test", 10);
    WalletStorageClient client = new WalletStorageClient(base, Clock.systemUTC());
    String id;

    props.put("idnum.kek", k1);
    props.put("idnum.kek-id", "k1");
    try (ConfigurableApplicationContext app = start(props, profiles)) {
      if (profiles.length > 0) {
        assertThat(app.getBean(ShortLivedStore.class)).isInstanceOf(RedisShortLivedStore.class);
        try (var c = app.getBean(DataSource.class).getConnection()) {
          assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
      }
      // the platform's root CA (a signing key encrypted under the KEK) is made when first needed
      assertThat(
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(base + "/trust/root-ca.pem"))
                          .build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      TokenResponse token = token(citizen, dpopKey, base);
      client.registerDevice(token, "Téléphone", List.of(holderKey));
      id = (String) client.store(token, credential).get("id");
      assertThat(kekIds(app)).containsOnly("k1");
      // no plaintext in the rows, on this database too
      String jwt = credential.substring(0, credential.indexOf('~'));
      for (byte[] cell :
          JdbcClient.create(app.getBean(DataSource.class))
              .sql("SELECT content FROM wallet_credential")
              .query(byte[].class)
              .list()) {
        assertThat(new String(cell, java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain(jwt.substring(0, 30))
            .doesNotContain(jwt.substring(jwt.length() - 30));
      }
    }

    // rotation: k2 wraps new keys, k1 is kept for reading until the re-wrap is done
    props.put("idnum.kek", k2);
    props.put("idnum.kek-id", "k2");
    props.put("idnum.kek-previous.k1", k1);
    try (ConfigurableApplicationContext app = start(props, profiles)) {
      TokenResponse token = token(citizen, dpopKey, base);
      assertThat(client.get(token, id)).containsEntry("credential", credential);
      assertThat(app.getBean(KeyRewrapJob.class).completion().get(30, TimeUnit.SECONDS))
          .isEqualTo(1);
      assertThat(kekIds(app)).containsOnly("k2");
    }

    // the old key-encryption key is gone from configuration: everything still reads
    props.remove("idnum.kek-previous.k1");
    try (ConfigurableApplicationContext app = start(props, profiles)) {
      TokenResponse token = token(citizen, dpopKey, base);
      assertThat(client.get(token, id)).containsEntry("credential", credential);
      assertThat(client.list(token).get("credentials")).asList().hasSize(1);
      assertThat(client.devices(token).get("devices").toString()).contains("Téléphone");
      assertThat(client.history(token).get("events").toString()).contains("credential_stored");
      // the issuers' signing keys were re-wrapped too: they still decrypt without the old KEK
      List<String> platformKeys =
          JdbcClient.create(app.getBean(DataSource.class))
              .sql("SELECT id FROM platform_key")
              .query(String.class)
              .list();
      assertThat(platformKeys).isNotEmpty();
      PlatformKeyStore store = app.getBean(PlatformKeyStore.class);
      for (String keyId : platformKeys) {
        assertThat(
                store.getOrCreate(
                    keyId,
                    () -> {
                      throw new AssertionError("existing key " + keyId + " not readable");
                    }))
            .isNotNull();
      }
    }
  }

  private static List<String> kekIds(ConfigurableApplicationContext app) {
    return JdbcClient.create(app.getBean(DataSource.class))
        .sql("SELECT kek_id FROM wallet_citizen_key")
        .query(String.class)
        .list();
  }

  private TokenResponse token(String citizen, ECKey dpopKey, String base) throws Exception {
    return new TokenResponse(
        auth.citizenAccessToken(
            citizen, "idnum:wallet", base + "/wallet", dpopKey.computeThumbprint().toString()),
        "DPoP",
        300,
        dpopKey);
  }

  private static String randomKek() {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    return Base64.getEncoder().encodeToString(kek);
  }

  private ConfigurableApplicationContext start(Map<String, Object> props, String[] profiles) {
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(WalletApiApplication.class).profiles(profiles).run(args);
  }
}
