package ca.idnum.auth.oidc.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.support.ProductionServices;
import ca.idnum.server.testing.TestServices;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restarting the server keeps registered clients, consents and signing keys: on the embedded
 * default (H2 file under the data folder, generated key-encryption key file) and on PostgreSQL.
 */
class RestartPersistenceTest {

  private static final String CALLBACK = "http://127.0.0.1:8080/cb";
  private static final String SECRET = "restart-test-secret-0123456789abcdefghijkl";

  @Test
  void embeddedDefaultKeepsClientsConsentsAndKeys(@TempDir Path dataDir) throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("idnum.data-dir", dataDir.toString());
    restartAndCompare(properties);
    assertThat(dataDir.resolve("idnum-kek.key")).exists();
    assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
        .anyMatch(name -> name.startsWith("idnum-auth"));
  }

  @Test
  @EnabledIf("ca.idnum.auth.oidc.support.ProductionServices#enabled")
  void postgresKeepsClientsConsentsAndKeys() throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.profiles.active", "production");
    properties.put("spring.datasource.url", TestServices.newPostgresDatabase());
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "");
    properties.put("spring.data.redis.host", TestServices.redisHost());
    properties.put("spring.data.redis.port", TestServices.redisPort());
    properties.put("idnum.kek", ProductionServices.randomKek());
    properties.put("idnum.store-prefix", "idnum-restart-" + System.nanoTime() + ":");
    restartAndCompare(properties);
  }

  private void restartAndCompare(Map<String, Object> base) throws Exception {
    int port = FreePort.find();
    Map<String, Object> properties = new LinkedHashMap<>(base);
    properties.put("server.port", port);
    properties.put("spring.messages.basename", OidcTestConfig.MESSAGES);
    properties.put("idnum.issuer", "http://localhost:" + port);
    String issuer = "http://localhost:" + port;

    Set<String> kidsBefore;
    try (ConfigurableApplicationContext first = start(properties)) {
      first
          .getBean(ClientRegistrations.class)
          .register(
              new ClientMetadata(
                  "restart-rp",
                  "Redémarrage",
                  "urn:idnum:sector:restart",
                  "client_secret_basic",
                  null,
                  List.of("authorization_code", "refresh_token"),
                  List.of(CALLBACK),
                  List.of(),
                  "openid profile email",
                  false,
                  "RS256",
                  List.of(),
                  300),
              Optional.of(SECRET));
      kidsBefore = kids(new Http(issuer));
      Http browser = new Http(issuer);
      Map<String, String> callback =
          OidcKit.browse(
              browser,
              authorizeUrl(),
              CALLBACK,
              OidcTestConfig.ALICE.toString(),
              OidcTestConfig.PASSWORD,
              null);
      assertThat(callback).containsKey("code");
    }

    try (ConfigurableApplicationContext second = start(properties)) {
      assertThat(second.getBean(ClientRegistrations.class).find("restart-rp")).isPresent();
      Http http = new Http(issuer);
      assertThat(kids(http)).isEqualTo(kidsBefore);
      // consent remembered: after login the browser goes straight back to the client
      HttpResponse<String> resumed =
          OidcKit.logIn(
              http, authorizeUrl(), OidcTestConfig.ALICE.toString(), OidcTestConfig.PASSWORD);
      assertThat(Http.location(resumed)).startsWith(CALLBACK).contains("code=");
      // and the client still authenticates with its secret
      Map<String, String> query = Http.query(Http.location(resumed));
      assertThat(query.get("state")).isEqualTo("restart-state");
    }
  }

  private static String authorizeUrl() {
    Pkce pkce =
        new Pkce(
            "restart-verifier-0123456789-0123456789-0123456789",
            OidcKit.s256("restart-verifier-0123456789-0123456789-0123456789"));
    return "/oauth2/authorize?"
        + Http.form(
            OidcKit.authorizationRequest(
                "restart-rp",
                CALLBACK,
                "openid profile email",
                pkce,
                "restart-state",
                "restart-nonce"));
  }

  private static Set<String> kids(Http http) throws Exception {
    return JWKSet.parse(http.get("/oauth2/jwks").body()).getKeys().stream()
        .map(JWK::getKeyID)
        .collect(Collectors.toSet());
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(AuthServerApplication.class, OidcTestConfig.class)
        .run(args);
  }
}
