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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the browser journeys share: an admin token and a client registered through the admin API,
 * and a Node browser script run from {@code interop/} (playwright-core driving Debian Chromium).
 */
final class BrowserJourneys {

  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  String adminToken(String issuer, String secret) throws IOException, InterruptedException {
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

  JsonNode registerClient(String issuer, String token, Map<String, Object> metadata)
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

  /** Runs a browser script of interop/ (up to 4 minutes) and reads its last line as JSON. */
  static JsonNode runNode(Path interop, String script, String... args)
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

  /** The interop folder with node, playwright-core and Chromium ready; CI fails without them. */
  static Path interopDir() {
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

  static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
