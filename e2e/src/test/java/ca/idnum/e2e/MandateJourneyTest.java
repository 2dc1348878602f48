package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 9 in a real headless Chromium, with the jars as processes on the embedded default: the demo
 * citizen proves her identity, is stepped up to level 2 and designates the demo caregiver for an
 * onboarded public body (the example relying party, set to accept delegated sessions through the
 * admin API); the caregiver proves his identity, is stepped up and accepts; he then logs in at the
 * body, chooses "on behalf of Camille Tremblay", and the body's page shows the {@code act} claim;
 * the principal's account page lists the delegated login. axe-core checks every IdNum page visited
 * (no serious or critical violation); screenshots in {@code target/mandate-journey/}.
 */
class MandateJourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void whenACaregiverIsDesignatedAndAcceptsThenHeLogsInAtTheBodyOnBehalfOfThePrincipal()
      throws Exception {
    Path interop = interopDir();
    String adminSecret = randomSecret();
    Path shots = Path.of("target", "mandate-journey").toAbsolutePath();
    Files.createDirectories(shots);
    try (RunningServer auth =
        RunningServer.start(
            "auth-server",
            "/actuator/health",
            Map.of("IDNUM_ADMIN_CLIENT_SECRET", adminSecret, "IDNUM_DEMO", "true"))) {
      String issuer = "http://localhost:" + auth.port();
      int rpPort = RunningServer.freePort();
      String rpBase = "http://127.0.0.1:" + rpPort;
      String bodyName = "Organisme du parcours mandat";
      String admin = adminToken(issuer, adminSecret);
      JsonNode registered =
          registerClient(
              issuer,
              admin,
              Map.of(
                  "client_id",
                  "mandate-journey-rp",
                  "client_name",
                  bodyName,
                  "sector_identifier",
                  "urn:idnum:sector:mandate-journey",
                  "token_endpoint_auth_method",
                  "client_secret_basic",
                  "grant_types",
                  List.of("authorization_code", "refresh_token"),
                  "redirect_uris",
                  List.of(rpBase + "/callback"),
                  "post_logout_redirect_uris",
                  List.of(rpBase + "/"),
                  "scope",
                  "openid profile email"));
      HttpResponse<String> delegation =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(issuer + "/admin/clients/mandate-journey-rp/delegation"))
                  .header("Authorization", "Bearer " + admin)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"accepts_delegated_sessions\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(delegation.statusCode()).as(delegation.body()).isEqualTo(200);
      try (RunningServer rp =
          RunningServer.startOnPort(
              "examples/relying-party",
              "/",
              rpPort,
              Map.of(
                  "IDNUM_ISSUER",
                  issuer,
                  "IDNUM_CLIENT_ID",
                  "mandate-journey-rp",
                  "IDNUM_CLIENT_SECRET",
                  registered.path("client_secret").asString()))) {
        JsonNode result =
            runNode(
                interop,
                "e2e/mandate-journey.mjs",
                "http://localhost:" + auth.port(),
                rpBase,
                bodyName,
                shots.toString());
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("rpPage").asString()).contains("act").contains("Camille");
        assertThat(result.path("principalLog").asString())
            .contains("Étienne Côté s’est connecté à " + bodyName + " en votre nom");
        assertThat(result.path("pages").size()).isGreaterThanOrEqualTo(10);
      }
    }
  }

  private String adminToken(String issuer, String secret) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(("idnum-admin:" + secret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&scope=idnum%3Aadmin"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("access_token").asString();
  }

  private JsonNode registerClient(String issuer, String token, Map<String, Object> metadata)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/admin/clients"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(metadata)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private static JsonNode runNode(Path interop, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of("node", interop.resolve(script).toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(interop.toFile()).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("browser script timed out");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String lastLine = out.substring(out.lastIndexOf('\n') + 1);
    return JSON.readTree(lastLine.isEmpty() ? "{}" : lastLine);
  }

  private static Path interopDir() {
    String configured = System.getenv("IDNUM_INTEROP_DIR");
    Path dir =
        configured != null ? Path.of(configured) : RunningServer.repoRoot().resolve("interop");
    String chromium = System.getenv().getOrDefault("IDNUM_CHROMIUM", "/usr/bin/chromium");
    boolean ready =
        Files.isDirectory(dir.resolve("node_modules/playwright-core"))
            && Files.isExecutable(Path.of(chromium))
            && onPath("node");
    if (!ready) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "node, interop/node_modules or Chromium missing: run through scripts/test.sh");
      }
      Assumptions.abort("node, interop/node_modules or Chromium missing");
    }
    return dir;
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
