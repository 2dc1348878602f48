package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Issue 5 in a real headless Chromium, with the jars as processes on the embedded default: a
 * newcomer registers at IdNum, confirms the e-mail address with the code (read from the server's
 * log, where the embedded default writes e-mails), enrols a TOTP authenticator, proves her identity
 * against the demo register, logs out, logs in at an onboarded public body that requires level 2
 * (the example relying party) with her password and then a TOTP code, consents, and finds that body
 * in the access log of "Mon compte" (which public body, when, at level 2, which claims), then
 * withdraws the consent. axe-core checks every IdNum page visited (no serious or critical WCAG 2.1
 * violation); screenshots are kept in {@code target/journey/}.
 */
class CitizenAccountJourneyTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final BrowserJourneys journeys = new BrowserJourneys();

  @Test
  void whenANewcomerLogsInAtABodyThenTheAccountPageShowsTheAccessAndTheConsentCanBeWithdrawn()
      throws Exception {
    Path interop = BrowserJourneys.interopDir();
    String adminSecret = BrowserJourneys.randomSecret();
    Path shots = Path.of("target", "journey").toAbsolutePath();
    Files.createDirectories(shots);
    try (RunningServer auth =
        RunningServer.start(
            "auth-server",
            "/actuator/health",
            Map.of("IDNUM_ADMIN_CLIENT_SECRET", adminSecret, "IDNUM_DEMO", "true"))) {
      String issuer = "http://localhost:" + auth.port();
      int rpPort = RunningServer.freePort();
      String rpBase = "http://127.0.0.1:" + rpPort;
      String bodyName = "Organisme du parcours citoyen";

      JsonNode registered =
          journeys.registerClient(
              issuer,
              journeys.adminToken(issuer, adminSecret),
              Map.of(
                  "client_id",
                  "journey-rp",
                  "client_name",
                  bodyName,
                  "sector_identifier",
                  "urn:idnum:sector:journey",
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
      requireLevel2(issuer, adminSecret, "journey-rp");
      try (RunningServer rp =
          RunningServer.startOnPort(
              "examples/relying-party",
              "/",
              rpPort,
              Map.of(
                  "IDNUM_ISSUER",
                  issuer,
                  "IDNUM_CLIENT_ID",
                  "journey-rp",
                  "IDNUM_CLIENT_SECRET",
                  registered.path("client_secret").asString()))) {
        JsonNode result =
            BrowserJourneys.runNode(
                interop,
                "e2e/account-journey.mjs",
                "http://localhost:" + auth.port(),
                rpBase,
                bodyName,
                auth.logFile().toString(),
                shots.toString());
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("accessLog").asString())
            .contains(bodyName)
            .contains("Niveau 2")
            .contains("Votre prénom");
        assertThat(result.path("pages").size()).isGreaterThanOrEqualTo(11);
      }
    }
  }

  private void requireLevel2(String issuer, String adminSecret, String clientId)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(issuer + "/admin/clients/" + clientId + "/minimum-acr"))
                .header("Authorization", "Bearer " + journeys.adminToken(issuer, adminSecret))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"minimum_acr\":\"urn:idnum:loa:2\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
