package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

  private final HttpClient http = HttpClient.newHttpClient();
  private final BrowserJourneys journeys = new BrowserJourneys();

  @Test
  void whenACaregiverIsDesignatedAndAcceptsThenHeLogsInAtTheBodyOnBehalfOfThePrincipal()
      throws Exception {
    Path interop = BrowserJourneys.interopDir();
    String adminSecret = BrowserJourneys.randomSecret();
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
      String admin = journeys.adminToken(issuer, adminSecret);
      JsonNode registered =
          journeys.registerClient(
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
            BrowserJourneys.runNode(
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
}
