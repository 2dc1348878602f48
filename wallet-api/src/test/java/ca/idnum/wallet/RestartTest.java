package ca.idnum.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.statuslist.StatusListReference;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.server.testing.TestServices;
import ca.idnum.wallet.support.TestAuthServer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A credential issued and revoked before a restart is still verifiable and still revoked after it,
 * with the same issuer key and root: on the embedded default (H2 file, generated KEK in the data
 * folder) and on the {@code production} profile (PostgreSQL + Redis from scripts/test.sh).
 */
class RestartTest {

  private final TestAuthServer auth = new TestAuthServer();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void whenTheEmbeddedDefaultRestartsThenIssuedCredentialsKeysAndStatusesSurvive()
      throws Exception {
    Path dataDir = Files.createTempDirectory("idnum-wallet-restart");
    Map<String, Object> props = new HashMap<>();
    props.put("idnum.data-dir", dataDir.toString());
    issueRevokeRestart(props, new String[0]);
    assertThat(dataDir.resolve("idnum-kek.key")).exists();
  }

  static boolean productionServices() {
    return TestServices.available() || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @Test
  @EnabledIf("productionServices")
  void whenTheProductionProfileRestartsThenIssuedCredentialsKeysAndStatusesSurvive()
      throws Exception {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    Map<String, Object> props = new HashMap<>();
    props.put("spring.datasource.url", TestServices.newPostgresDatabase());
    props.put("spring.datasource.username", "postgres");
    props.put("spring.data.redis.host", TestServices.redisHost());
    props.put("spring.data.redis.port", TestServices.redisPort());
    props.put("idnum.kek", Base64.getEncoder().encodeToString(kek));
    props.put("idnum.store-prefix", "wallet-test-" + System.nanoTime() + ":");
    // production declares its own issuers (no demo issuers); this one uses the demo register
    props.put("idnum.wallet.allow-demo-registers", "true");
    props.put("idnum.wallet.issuers.ramq.name-fr", "Régie de l'assurance maladie du Québec");
    props.put("idnum.wallet.issuers.ramq.credential-configurations", "health_insurance_card");
    issueRevokeRestart(props, new String[] {"production"});
  }

  private void issueRevokeRestart(Map<String, Object> props, String[] profiles) throws Exception {
    int port = freePort();
    String base = "http://localhost:" + port;
    props.put("server.port", port);
    props.put("idnum.wallet.base-url", base);
    props.put("idnum.wallet.auth-issuer", auth.issuer());
    props.put("idnum.wallet.admin-audience", TestAuthServer.AUDIENCE);
    String credential;
    String rotatedCredential;
    String jwksBefore;
    String rootBefore;
    try (ConfigurableApplicationContext app = start(props, profiles)) {
      if (profiles.length > 0) {
        assertThat(app.getBean(ShortLivedStore.class)).isInstanceOf(RedisShortLivedStore.class);
        try (var c = app.getBean(DataSource.class).getConnection()) {
          assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
      }
      OpenId4VciClient wallet = new OpenId4VciClient(Clock.systemUTC());
      Map<String, Object> created = createOffer(base);
      @SuppressWarnings("unchecked")
      CredentialOffer offer =
          CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
      IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
      ECKey key = new ECKeyGenerator(Curve.P_256).generate();
      credential =
          wallet
              .credentials(
                  metadata,
                  wallet.preAuthorizedToken(metadata, offer, (String) created.get("txCode"), key),
                  "health_insurance_card",
                  List.of(key))
              .get(0);
      assertThat(statusOf(credential, base)).isEqualTo(TokenStatus.VALID);
      String changed =
          send(HttpRequest.newBuilder(URI.create(base + "/issuers/ramq/admin/subject-status"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + adminToken())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"subject\":\"TREM90541299\",\"status\":\"REVOKED\"}")))
              .body();
      assertThat(changed).contains("\"changed\":1");
      // rotate the signing key, then issue with the new one
      HttpResponse<String> rotated =
          send(
              HttpRequest.newBuilder(URI.create(base + "/issuers/ramq/admin/signing-keys/rotate"))
                  .header("Authorization", "Bearer " + adminToken())
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
      Map<String, Object> second = createOffer(base);
      @SuppressWarnings("unchecked")
      CredentialOffer offer2 =
          CredentialOffer.parse((Map<String, Object>) second.get("credentialOffer"));
      ECKey key2 = new ECKeyGenerator(Curve.P_256).generate();
      rotatedCredential =
          wallet
              .credentials(
                  metadata,
                  wallet.preAuthorizedToken(metadata, offer2, (String) second.get("txCode"), key2),
                  "health_insurance_card",
                  List.of(key2))
              .get(0);
      jwksBefore = get(base + "/.well-known/jwt-vc-issuer/issuers/ramq");
      assertThat(JSONObjectUtils.parse(jwksBefore).toString()).contains(kid(rotatedCredential));
      rootBefore = get(base + "/trust/root-ca.pem");
    }
    try (ConfigurableApplicationContext app = start(props, profiles)) {
      assertThat(get(base + "/.well-known/jwt-vc-issuer/issuers/ramq")).isEqualTo(jwksBefore);
      assertThat(get(base + "/trust/root-ca.pem")).isEqualTo(rootBefore);
      assertThat(verify(credential, base)).isInstanceOf(VerificationResult.Verified.class);
      assertThat(verify(rotatedCredential, base)).isInstanceOf(VerificationResult.Verified.class);
      assertThat(kid(rotatedCredential)).isNotEqualTo(kid(credential));
      assertThat(statusOf(credential, base)).isEqualTo(TokenStatus.INVALID);
      assertThat(statusOf(rotatedCredential, base)).isEqualTo(TokenStatus.VALID);
      String listed =
          send(HttpRequest.newBuilder(
                      URI.create(base + "/issuers/ramq/admin/credentials?subject=TREM90541299"))
                  .header("Authorization", "Bearer " + adminToken())
                  .GET())
              .body();
      assertThat(JSONArrayUtils.parse(listed).toString()).contains("REVOKED");
    }
  }

  private ConfigurableApplicationContext start(Map<String, Object> props, String[] profiles) {
    // command-line arguments: they take precedence over application.yml
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(WalletApiApplication.class).profiles(profiles).run(args);
  }

  private static String kid(String credential) throws Exception {
    return SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt()).getHeader().getKeyID();
  }

  private String adminToken() {
    return auth.accessToken("back-office-ramq", "idnum:issuer:ramq");
  }

  private Map<String, Object> createOffer(String base) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + "/issuers/ramq/admin/offers"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"credentialConfigurationIds\":[\"health_insurance_card\"],"
                            + "\"subject\":\"TREM90541299\"}")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSONObjectUtils.parse(r.body());
  }

  private VerificationResult verify(String credential, String base) {
    X509Certificate root = X509CertUtils.parse(get(base + "/trust/root-ca.pem"));
    return new SdJwtVcVerifier(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC()))
                .build())
        .verify(credential, null);
  }

  private TokenStatus statusOf(String credential, String base) throws Exception {
    X509Certificate root = X509CertUtils.parse(get(base + "/trust/root-ca.pem"));
    SignedJWT jwt = SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt());
    StatusListReference ref = StatusListReference.fromClaims(jwt.getJWTClaimsSet().getClaims());
    String token = get(ref.uri().toString());
    return StatusListTokenVerifier.withDefaults(
            (header, uri) -> {
              try {
                return Optional.of(
                    new X5cChainResolver(
                            X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC(), false)
                        .resolve(header, Map.of()));
              } catch (Exception e) {
                return Optional.empty();
              }
            },
            Clock.systemUTC())
        .verify(token, ref.uri())
        .statusOf(ref);
  }

  private String get(String uri) {
    return send(HttpRequest.newBuilder(URI.create(uri)).GET()).body();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
