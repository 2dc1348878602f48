package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform as a public body and a citizen meet it: the auth-server jar and the example
 * relying party jar run as separate processes on the embedded default; the public body is onboarded
 * through the admin API (client credentials token, then client registration); a real headless
 * Chromium opens the relying party, logs the demo citizen in at IdNum, gives consent and lands on
 * the relying party's profile page with the claims of a validated ID token (Spring Security's
 * oauth2-client as the relying-party library).
 */
class BrowserLoginThroughRelyingPartyTest {

  private final BrowserJourneys journeys = new BrowserJourneys();

  @Test
  void whenCitizenLogsInThroughOnboardedPublicBodyThenItReceivesPairwiseValidatedClaims()
      throws Exception {
    Path interop = BrowserJourneys.interopDir();
    String adminSecret = BrowserJourneys.randomSecret();
    try (RunningServer auth =
        RunningServer.start(
            "auth-server",
            "/actuator/health",
            Map.of("IDNUM_ADMIN_CLIENT_SECRET", adminSecret, "IDNUM_DEMO", "true"))) {
      String issuer = "http://localhost:" + auth.port();
      int rpPort = RunningServer.freePort();
      String rpBase = "http://127.0.0.1:" + rpPort;

      String adminToken = journeys.adminToken(issuer, adminSecret);
      JsonNode registered =
          journeys.registerClient(
              issuer,
              adminToken,
              Map.of(
                  "client_id", "e2e-rp",
                  "client_name", "Organisme de test de bout en bout",
                  "sector_identifier", "urn:idnum:sector:e2e",
                  "token_endpoint_auth_method", "client_secret_basic",
                  "grant_types", List.of("authorization_code", "refresh_token"),
                  "redirect_uris", List.of(rpBase + "/callback"),
                  "post_logout_redirect_uris", List.of(rpBase + "/"),
                  "scope", "openid profile email"));
      String clientId = registered.path("client").path("client_id").asString();
      String clientSecret = registered.path("client_secret").asString();
      assertThat(clientId).isEqualTo("e2e-rp");
      assertThat(clientSecret).hasSizeGreaterThanOrEqualTo(40);

      try (RunningServer rp =
          RunningServer.startOnPort(
              "examples/relying-party",
              "/",
              rpPort,
              Map.of(
                  "IDNUM_ISSUER", issuer,
                  "IDNUM_CLIENT_ID", clientId,
                  "IDNUM_CLIENT_SECRET", clientSecret))) {
        JsonNode result =
            BrowserJourneys.runNode(
                interop, "e2e/rp-login.mjs", rpBase, "demo@idnum.example", "Demo-citoyen-2026!");
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        JsonNode claims = result.path("claims");
        assertThat(claims.path("iss").asString()).isEqualTo(issuer);
        assertThat(claims.path("given_name").asString()).isEqualTo("Camille");
        assertThat(claims.path("acr").asString()).isEqualTo("urn:idnum:loa:1");
        assertThat(claims.path("amr").asString()).contains("pwd");
        // Pairwise (a 256-bit value, base64url), never the citizen's internal UUID.
        assertThat(claims.path("sub").asString())
            .matches("[A-Za-z0-9_-]{43}")
            .doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      }
    }
  }
}
