package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vp.AuthorizationRequest;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.RequestObjectVerifier;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.server.testing.TestServices;
import ca.idnum.wallet.WalletApiApplication;
import ca.idnum.wallet.support.TestAuthServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The presentation flow on the {@code production} profile (PostgreSQL for the registry and the
 * access certificate keys, Redis for transactions, from scripts/test.sh) with a relying body
 * declared in configuration, as a deployment does, and {@code x509_san_dns} client identifiers. The
 * embedded default is covered by {@link PresentationFlowTest}.
 */
class VerifierProfilesTest {

  private final TestAuthServer auth = new TestAuthServer();
  private final HttpClient http = HttpClient.newHttpClient();

  static boolean productionServices() {
    return TestServices.available() || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @Test
  @EnabledIf("productionServices")
  void whenTheProductionProfileRunsThenAPresentationIsVerifiedWithTransactionsInRedis()
      throws Exception {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String base = "http://localhost:" + port;
    Map<String, Object> props = new HashMap<>();
    props.put("server.port", port);
    props.put("idnum.wallet.base-url", base);
    props.put("idnum.wallet.auth-issuer", auth.issuer());
    props.put("idnum.wallet.admin-audience", TestAuthServer.AUDIENCE);
    props.put("spring.datasource.url", TestServices.newPostgresDatabase());
    props.put("spring.datasource.username", "postgres");
    props.put("spring.data.redis.host", TestServices.redisHost());
    props.put("spring.data.redis.port", TestServices.redisPort());
    props.put("idnum.kek", Base64.getEncoder().encodeToString(kek));
    props.put("idnum.store-prefix", "verifier-test-" + System.nanoTime() + ":");
    props.put("idnum.data-dir", Files.createTempDirectory("idnum-verifier-prod").toString());
    props.put("idnum.wallet.allow-demo-registers", "true");
    props.put("idnum.wallet.issuers.dec.name-fr", "Directeur de l'état civil");
    props.put("idnum.wallet.issuers.dec.credential-configurations", "proof_of_age");
    props.put("idnum.wallet.verifier.verifiers.bar.name-fr", "Bar laitier");
    props.put("idnum.wallet.verifier.verifiers.bar.purpose-fr", "Vérifier votre âge");
    props.put("idnum.wallet.verifier.verifiers.bar.purpose-en", "Check your age");
    props.put("idnum.wallet.verifier.verifiers.bar.claims.proof_of_age", "age_over_18");
    // this deployment names verifiers by DNS (x509_san_dns) instead of the default x509_hash
    props.put("idnum.wallet.verifier.client-id-prefix", "x509_san_dns");
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApiApplication.class).profiles("production").run(args)) {
      assertThat(app.getBean(ShortLivedStore.class)).isInstanceOf(RedisShortLivedStore.class);
      try (var c = app.getBean(DataSource.class).getConnection()) {
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      }
      X509Certificate root = X509CertUtils.parse(get(base + "/trust/root-ca.pem"));
      ECKey key = new ECKeyGenerator(Curve.P_256).generate();
      String credential = issue(base, key);
      HolderPresenter.HeldCredential held =
          new HolderPresenter.HeldCredential(
              new SdJwtHolder(
                      VerifierOptions.builder(
                              new X5cChainResolver(
                                  X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC()))
                          .build())
                  .accept(credential),
              new ECDSASigner(key),
              JWSAlgorithm.ES256);

      VerifierClient bar = new VerifierClient(URI.create(base), "bar");
      String token = auth.accessToken("bar-back-end", "idnum:verifier:bar");
      VerifierClient.Transaction tx =
          bar.create(
              token,
              DcqlQuery.single("age", base + "/vct/proof_of_age", "age_over_18"),
              VerifierClient.Options.defaults());
      HolderPresenter presenter =
          new HolderPresenter(
              new RequestObjectVerifier(List.of(root), Clock.systemUTC()), Clock.systemUTC());
      AuthorizationRequest request = presenter.resolve(tx.deepLink());
      assertThat(request.name("fr")).isEqualTo("Bar laitier");
      assertThat(request.clientId().toString()).isEqualTo("x509_san_dns:localhost");
      presenter.respond(
          request, presenter.vpToken(request, presenter.match(request, List.of(held))));

      VerifierClient.Result result = bar.result(token, tx.transactionId(), null);
      assertThat(result.accepted()).as(result.error()).isTrue();
      assertThat(result.credentials().get(0).claims())
          .containsExactly(Map.entry("age_over_18", true));
    }
  }

  private String issue(String base, ECKey key) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/issuers/dec/admin/offers"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Bearer " + auth.accessToken("back-office-dec", "idnum:issuer:dec"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"credentialConfigurationIds\":[\"proof_of_age\"],"
                            + "\"subject\":\"QC-1990-000123\",\"txCode\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    @SuppressWarnings("unchecked")
    CredentialOffer offer =
        CredentialOffer.parse(
            (Map<String, Object>) JSONObjectUtils.parse(r.body()).get("credentialOffer"));
    OpenId4VciClient wallet = new OpenId4VciClient(Clock.systemUTC());
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    return wallet
        .credentials(
            metadata,
            wallet.preAuthorizedToken(metadata, offer, null, key),
            "proof_of_age",
            List.of(key))
        .get(0);
  }

  private String get(String uri) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(uri)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
