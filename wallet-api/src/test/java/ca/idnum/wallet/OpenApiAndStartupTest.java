package ca.idnum.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generated OpenAPI description of the issuer admin API (saved as {@code
 * docs/openapi/wallet-api.json}), and start-up without auth-server.
 */
class OpenApiAndStartupTest extends WalletApiTestBase {

  @Test
  void whenTheOpenApiDescriptionIsRequestedThenItDescribesTheAdminApiAndIsSavedInDocs()
      throws Exception {
    HttpResponse<String> r = get("/api-docs");
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> spec = JSONObjectUtils.parse(r.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
    assertThat(paths)
        .containsKeys(
            "/issuers/{body}/admin/offers",
            "/issuers/{body}/admin/credentials",
            "/issuers/{body}/admin/credentials/{id}/status",
            "/issuers/{body}/admin/subject-status",
            "/wallet/credentials",
            "/wallet/credentials/{id}",
            "/wallet/export",
            "/wallet",
            "/wallet/devices",
            "/wallet/devices/{id}",
            "/wallet/devices/{id}/holder-keys",
            "/wallet/history",
            "/verifiers/{body}/api/transactions",
            "/verifiers/{body}/api/transactions/{id}",
            "/openid4vp/requests/{requestId}",
            "/openid4vp/responses/{requestId}");
    // stable output: no server URL with this run's random port
    spec.remove("servers");
    String root = System.getenv("IDNUM_REPO_ROOT");
    Path docs = (root == null ? Path.of("..") : Path.of(root)).resolve("docs/openapi");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("wallet-api.json"),
        JSONObjectUtils.toJSONString(spec) + "\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void whenAuthServerIsNotReachableThenWalletApiStartsServesMetadataAndFailsClosedOnAdminCalls()
      throws Exception {
    int port;
    int closed;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      port = a.getLocalPort();
      closed = b.getLocalPort();
    }
    Path dataDir = Files.createTempDirectory("idnum-wallet-noauth");
    String base = "http://localhost:" + port;
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApiApplication.class)
            .run(
                "--server.port=" + port,
                "--idnum.data-dir=" + dataDir,
                "--idnum.wallet.base-url=" + base,
                "--idnum.wallet.auth-issuer=http://127.0.0.1:" + closed)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> metadata =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/.well-known/openid-credential-issuer/issuers/saaq"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metadata.statusCode()).isEqualTo(200);
      HttpResponse<String> admin =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/issuers/saaq/admin/offers"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + AUTH.accessToken("x", "idnum:issuer:saaq"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(admin.statusCode()).as("fail closed").isEqualTo(503);
      assertThat(admin.body()).contains("temporarily_unavailable");
    }
  }
}
