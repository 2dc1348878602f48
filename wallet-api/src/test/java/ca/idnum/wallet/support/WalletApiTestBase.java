package ca.idnum.wallet.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running wallet-api on the embedded default (H2 file, in-process stores) on a free port,
 * shared by the test classes that extend this: the demo issuers plus {@code wm}, whose register is
 * a WireMock server (another organisation's API). Admin tokens come from {@link TestAuthServer}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class WalletApiTestBase {

  protected static final int PORT = freePort();
  protected static final String BASE = "http://localhost:" + PORT;
  protected static final TestAuthServer AUTH = new TestAuthServer();
  protected static final WireMockServer REGISTER =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
  protected static final Path DATA_DIR = tempDir();

  static {
    REGISTER.start();
  }

  protected final HttpClient http = HttpClient.newHttpClient();
  protected final OpenId4VciClient wallet = new OpenId4VciClient(Clock.systemUTC());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("idnum.data-dir", DATA_DIR::toString);
    registry.add("idnum.wallet.base-url", () -> BASE);
    registry.add("idnum.wallet.auth-issuer", AUTH::issuer);
    registry.add("idnum.wallet.admin-audience", () -> TestAuthServer.AUDIENCE);
    registry.add("idnum.wallet.issuers.wm.name-fr", () -> "Organisme de test");
    registry.add("idnum.wallet.issuers.wm.credential-configurations", () -> "proof_of_age");
    registry.add(
        "idnum.wallet.issuers.wm.register.url", () -> "http://127.0.0.1:" + REGISTER.port());
    registry.add("idnum.wallet.issuers.wm.register.request-timeout", () -> "1s");
    registry.add("idnum.wallet.issuers.wm.register.budget", () -> "2500ms");
    registry.add("idnum.wallet.issuers.wm.register.max-attempts", () -> "2");
    registry.add("idnum.wallet.issuers.wm.register.failure-threshold", () -> "1000");
    registry.add("idnum.wallet.storage.max-credentials", () -> "5");
    registry.add(
        "idnum.wallet.verifier.verifiers.saq.redirect-uris", () -> "https://saq.example/retour");
    registry.add(
        "idnum.wallet.verifier.verifiers.saq.webhook",
        () -> "http://127.0.0.1:" + REGISTER.port() + "/hooks/saq");
    // an issuer that requires encrypted credential requests and responses (OpenID4VCI 1.0 §10)
    registry.add("idnum.wallet.issuers.sealed.name-fr", () -> "Organisme chiffré");
    registry.add("idnum.wallet.issuers.sealed.credential-configurations", () -> "proof_of_age");
    registry.add(
        "idnum.wallet.issuers.sealed.register.url", () -> "http://127.0.0.1:" + REGISTER.port());
    registry.add("idnum.wallet.issuers.sealed.encryption-required", () -> "true");
    // an issuer whose signing key the rotation test rotates (other tests keep one key)
    registry.add("idnum.wallet.issuers.rot.name-fr", () -> "Organisme en rotation");
    registry.add("idnum.wallet.issuers.rot.credential-configurations", () -> "proof_of_age");
    registry.add(
        "idnum.wallet.issuers.rot.register.url", () -> "http://127.0.0.1:" + REGISTER.port());
  }

  /** The issuer identifier of {@code body}. */
  protected static String issuerId(String body) {
    return BASE + "/issuers/" + body;
  }

  /** Creates an offer through the admin API; returns the response JSON. */
  protected Map<String, Object> createOffer(
      String body, String subject, List<String> ids, boolean txCode) {
    String json =
        JSONObjectUtils.toJSONString(
            Map.of("credentialConfigurationIds", ids, "subject", subject, "txCode", txCode));
    HttpResponse<String> r =
        post(
            "/issuers/" + body + "/admin/offers",
            json,
            "application/json",
            AUTH.accessToken("back-office-" + body, "idnum:issuer:" + body));
    assertThat(r.statusCode()).as(r.body() + r.headers().map()).isEqualTo(201);
    return parse(r.body());
  }

  protected HttpResponse<String> post(String path, String body, String contentType, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(BASE + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.build());
  }

  protected HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET().build());
  }

  protected HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static Map<String, Object> parse(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("idnum-wallet-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
