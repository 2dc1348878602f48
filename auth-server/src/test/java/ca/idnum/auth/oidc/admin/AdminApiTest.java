package ca.idnum.auth.oidc.admin;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin API over real HTTP: only admin-client access tokens get in; clients are registered,
 * updated, given a new secret and disabled; signing keys rotate without breaking verification.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
class AdminApiTest {

  static final String ADMIN_SECRET = "admin-secret-for-tests-0123456789abcdefghij";
  static int port;

  @org.springframework.beans.factory.annotation.Autowired
  ca.idnum.auth.oidc.support.MutableClock clock;

  @org.springframework.beans.factory.annotation.Autowired
  ca.idnum.auth.oidc.keys.SigningKeys signingKeys;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-admin");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("idnum.admin.client-secret", () -> ADMIN_SECRET);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
  }

  Http http() {
    return new Http("http://localhost:" + port);
  }

  String token(String clientId, String secret) {
    HttpResponse<String> response =
        http()
            .postForm(
                "/oauth2/token",
                clientId.equals("idnum-admin")
                    ? Map.of("grant_type", "client_credentials", "scope", "idnum:admin")
                    : Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic(clientId, secret));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String) json(response).get("access_token");
  }

  HttpResponse<String> call(String method, String path, String token, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http().send(request.build());
  }

  static final String BACKEND =
      """
      {"client_id":"tax-backend","client_name":"Revenu — traitement","sector_identifier":
      "urn:idnum:sector:revenue","token_endpoint_auth_method":"client_secret_basic",
      "grant_types":["client_credentials"],"scope":"","audience":["urn:idnum:api:tax"],
      "access_token_lifetime":300}""";

  @Test
  void adminApiRefusesRequestsWithoutAnAdminToken() {
    assertThat(call("GET", "/admin/clients", null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/admin/clients", "not-a-jwt", null).statusCode()).isEqualTo(401);
    // an ID-token-shaped or other client's token does not work either
    String admin = token("idnum-admin", ADMIN_SECRET);
    HttpResponse<String> created =
        call("POST", "/admin/clients", admin, BACKEND.replace("tax-backend", "other-backend"));
    String otherSecret = (String) json(created).get("client_secret");
    String other = token("other-backend", otherSecret);
    assertThat(call("GET", "/admin/clients", other, null).statusCode()).isEqualTo(401);
    // the OpenAPI description is readable
    HttpResponse<String> docs = http().get("/admin/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body())
        .contains("/admin/clients")
        .contains("/admin/keys/rotate")
        .doesNotContain("/oauth2/consent");
  }

  @Test
  void whenAnIssuerBackOfficeIsRegisteredThenItGetsItsBodyScopeOnlyThroughClientCredentials()
      throws Exception {
    String admin = token("idnum-admin", ADMIN_SECRET);
    String issuerBackend =
        BACKEND
            .replace("tax-backend", "saaq-issuer")
            .replace("\"scope\":\"\"", "\"scope\":\"idnum:issuer:saaq\"");
    HttpResponse<String> created = call("POST", "/admin/clients", admin, issuerBackend);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> granted =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "idnum:issuer:saaq"),
                "Authorization",
                Http.basic("saaq-issuer", (String) json(created).get("client_secret")));
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    assertThat(json(granted)).containsEntry("scope", "idnum:issuer:saaq");

    // a citizen-facing client can never hold an issuer back-office scope
    HttpResponse<String> website =
        call(
            "POST",
            "/admin/clients",
            admin,
            issuerBackend
                .replace("saaq-issuer", "saaq-site")
                .replace(
                    "\"grant_types\":[\"client_credentials\"]",
                    "\"grant_types\":[\"authorization_code\"],"
                        + "\"redirect_uris\":[\"https://saaq.example/cb\"]"));
    assertThat(website.statusCode()).isEqualTo(400);
    assertThat(json(website)).containsEntry("error", "invalid_client_metadata");
    // nor a malformed one
    HttpResponse<String> malformed =
        call(
            "POST",
            "/admin/clients",
            admin,
            issuerBackend.replace("saaq-issuer", "x3").replace("issuer:saaq", "issuer:SAAQ/.."));
    assertThat(malformed.statusCode()).isEqualTo(400);
  }

  @Test
  void whenAVerifierBackEndIsRegisteredThenItGetsItsVerifierScopeThroughClientCredentials()
      throws Exception {
    String admin = token("idnum-admin", ADMIN_SECRET);
    String verifierBackend =
        BACKEND
            .replace("tax-backend", "saq-verifier")
            .replace("\"scope\":\"\"", "\"scope\":\"idnum:verifier:saq\"");
    HttpResponse<String> created = call("POST", "/admin/clients", admin, verifierBackend);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> granted =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "idnum:verifier:saq"),
                "Authorization",
                Http.basic("saq-verifier", (String) json(created).get("client_secret")));
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    assertThat(json(granted)).containsEntry("scope", "idnum:verifier:saq");
    HttpResponse<String> website =
        call(
            "POST",
            "/admin/clients",
            admin,
            verifierBackend
                .replace("saq-verifier", "saq-site")
                .replace(
                    "\"grant_types\":[\"client_credentials\"]",
                    "\"grant_types\":[\"authorization_code\"],"
                        + "\"redirect_uris\":[\"https://saq.example/cb\"]"));
    assertThat(website.statusCode()).isEqualTo(400);
  }

  @Test
  void whenAPublicWalletClientIsRegisteredThenItHasNoSecretAndOnlyTheCodeGrant() {
    String admin = token("idnum-admin", ADMIN_SECRET);
    String wallet =
        """
        {"client_id":"other-wallet","client_name":"Portefeuille","sector_identifier":
        "urn:idnum:sector:wallet","token_endpoint_auth_method":"none",
        "grant_types":["authorization_code"],"redirect_uris":["http://127.0.0.1:8765/callback"],
        "scope":"idnum:vc:identity idnum:vc:proof_of_age",
        "audience":["https://wallet.example/issuers/dec"],"access_token_lifetime":300}""";
    HttpResponse<String> created = call("POST", "/admin/clients", admin, wallet);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created)).doesNotContainKey("client_secret");
    assertThat(json(created).get("client").toString()).contains("token_endpoint_auth_method=none");

    HttpResponse<String> clientCredentials =
        call(
            "POST",
            "/admin/clients",
            admin,
            wallet
                .replace("other-wallet", "wallet-cc")
                .replace("[\"authorization_code\"]", "[\"client_credentials\"]"));
    assertThat(clientCredentials.statusCode()).isEqualTo(400);
    assertThat(json(clientCredentials)).containsEntry("error", "invalid_client_metadata");
  }

  @Test
  void tokenExchangeIsForConfidentialClientsWithARegisteredAudience() {
    String admin = token("idnum-admin", ADMIN_SECRET);
    String website =
        """
        {"client_id":"tax-website","client_name":"Revenu","sector_identifier":
        "urn:idnum:sector:revenue","token_endpoint_auth_method":"client_secret_basic",
        "grant_types":["authorization_code","urn:ietf:params:oauth:grant-type:token-exchange"],
        "redirect_uris":["http://127.0.0.1:8765/callback"],"scope":"openid profile",
        "audience":["urn:idnum:api:tax"],"access_token_lifetime":300}""";
    HttpResponse<String> created = call("POST", "/admin/clients", admin, website);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).get("client").toString())
        .contains("urn:ietf:params:oauth:grant-type:token-exchange");

    HttpResponse<String> publicClient =
        call(
            "POST",
            "/admin/clients",
            admin,
            website.replace("tax-website", "tax-public").replace("client_secret_basic", "none"));
    assertThat(publicClient.statusCode()).isEqualTo(400);
    assertThat(json(publicClient)).containsEntry("error", "invalid_client_metadata");

    HttpResponse<String> noAudience =
        call(
            "POST",
            "/admin/clients",
            admin,
            website
                .replace("tax-website", "tax-no-audience")
                .replace("\"audience\":[\"urn:idnum:api:tax\"],", ""));
    assertThat(noAudience.statusCode()).as(noAudience.body()).isEqualTo(400);
    assertThat(json(noAudience)).containsEntry("error", "invalid_client_metadata");
  }

  @Test
  void registersUpdatesRotatesSecretAndDisablesAClient() throws Exception {
    String admin = token("idnum-admin", ADMIN_SECRET);
    HttpResponse<String> created = call("POST", "/admin/clients", admin, BACKEND);
    assertThat(created.statusCode())
        .as(
            "%s %s %s",
            created.body(),
            created.headers().map(),
            OidcKit.verify(admin, JWKSet.parse(http().get("/oauth2/jwks").body()).toPublicJWKSet())
                .toJSONObject())
        .isEqualTo(201);
    String secret = (String) json(created).get("client_secret");
    assertThat(secret).hasSize(43);
    token("tax-backend", secret);

    HttpResponse<String> duplicate = call("POST", "/admin/clients", admin, BACKEND);
    assertThat(duplicate.statusCode()).isEqualTo(400);
    assertThat(json(duplicate)).containsEntry("error", "invalid_client_metadata");
    HttpResponse<String> invalid =
        call(
            "POST",
            "/admin/clients",
            admin,
            BACKEND.replace("tax-backend", "x2").replace("\"scope\":\"\"", "\"scope\":\"root\""));
    assertThat(json(invalid)).containsEntry("error", "invalid_client_metadata");
    HttpResponse<String> garbage = call("POST", "/admin/clients", admin, "{not json");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(json(garbage)).containsEntry("error", "invalid_request");
    assertThat(garbage.body()).doesNotContain("Exception");

    HttpResponse<String> updated =
        call(
            "PUT",
            "/admin/clients/tax-backend",
            admin,
            BACKEND.replace("Revenu — traitement", "Revenu — lots"));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(call("GET", "/admin/clients/tax-backend", admin, null).body())
        .contains("Revenu — lots")
        .doesNotContain("client_secret\"");

    HttpResponse<String> rotated = call("POST", "/admin/clients/tax-backend/secret", admin, null);
    String newSecret = (String) json(rotated).get("client_secret");
    assertThat(newSecret).isNotEqualTo(secret);
    HttpResponse<String> old =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic("tax-backend", secret));
    assertThat(old.statusCode()).isEqualTo(401);
    assertThat(json(old)).containsEntry("error", "invalid_client");
    token("tax-backend", newSecret);

    assertThat(call("POST", "/admin/clients/tax-backend/disable", admin, null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> disabled =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic("tax-backend", newSecret));
    assertThat(json(disabled)).containsEntry("error", "invalid_client");
    assertThat(call("POST", "/admin/clients/tax-backend/enable", admin, null).statusCode())
        .isEqualTo(200);
    token("tax-backend", newSecret);
    assertThat(call("GET", "/admin/clients/nobody", admin, null).statusCode()).isEqualTo(404);
  }

  @Test
  void keyRotationPublishesBeforeSigningAndKeepsRetiredKeysPublished() throws Exception {
    String admin = token("idnum-admin", ADMIN_SECRET);
    JWKSet before = JWKSet.parse(http().get("/oauth2/jwks").body());
    String kidBefore = OidcKit.header(admin).getKeyID();
    Set<String> kidsBefore =
        before.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    assertThat(kidsBefore).hasSize(6);

    HttpResponse<String> rotated = call("POST", "/admin/keys/rotate", admin, null);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.body()).doesNotContain("\"d\"").contains("RETIRED").contains("NEXT");

    JWKSet after = JWKSet.parse(http().get("/oauth2/jwks").body());
    Set<String> kidsAfter = after.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    assertThat(kidsAfter).containsAll(kidsBefore).hasSize(9);
    String newToken = token("idnum-admin", ADMIN_SECRET);
    String kidAfter = OidcKit.header(newToken).getKeyID();
    assertThat(kidAfter).isNotEqualTo(kidBefore);
    // the new signing key was already published before the rotation
    assertThat(kidsBefore).contains(kidAfter);
    // tokens of the retired key still verify and are still accepted
    OidcKit.verify(admin, after);
    assertThat(call("GET", "/admin/keys", admin, null).statusCode()).isEqualTo(200);
    List<?> keys =
        (List<?>)
            com.nimbusds.jose.util.JSONObjectUtils.parse(
                    "{\"k\":" + call("GET", "/admin/keys", newToken, null).body() + "}")
                .get("k");
    assertThat(keys).hasSize(9);

    // once every token of the retired keys has expired, they are no longer published
    clock.shift(java.time.Duration.ofHours(2));
    try {
      signingKeys.refresh();
    } finally {
      clock.reset();
    }
    Set<String> kidsLater =
        JWKSet.parse(http().get("/oauth2/jwks").body()).getKeys().stream()
            .map(JWK::getKeyID)
            .collect(Collectors.toSet());
    assertThat(kidsLater).hasSize(6).contains(kidAfter).doesNotContain(kidBefore);
  }

  @Test
  void whenAMinimumLevelOfAssuranceIsSetThenItIsReadBackAndBadValuesAreRefused() {
    String admin = token("idnum-admin", ADMIN_SECRET);
    call("POST", "/admin/clients", admin, BACKEND.replace("tax-backend", "loa-backend"));
    String path = "/admin/clients/loa-backend/minimum-acr";
    assertThat(json(call("GET", path, admin, null)))
        .containsEntry("minimum_acr", "urn:idnum:loa:1");
    HttpResponse<String> set = call("PUT", path, admin, "{\"minimum_acr\":\"urn:idnum:loa:2\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(call("GET", path, admin, null)))
        .containsEntry("minimum_acr", "urn:idnum:loa:2");
    HttpResponse<String> unknownLevel =
        call("PUT", path, admin, "{\"minimum_acr\":\"urn:idnum:loa:9\"}");
    assertThat(unknownLevel.statusCode()).isEqualTo(400);
    assertThat(json(unknownLevel)).containsEntry("error", "invalid_client_metadata");
    HttpResponse<String> malformed = call("PUT", path, admin, "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed)).containsEntry("error", "invalid_request");
    HttpResponse<String> unknownClient =
        call(
            "PUT",
            "/admin/clients/nobody/minimum-acr",
            admin,
            "{\"minimum_acr\":\"urn:idnum:loa:2\"}");
    assertThat(unknownClient.statusCode()).isEqualTo(404);
    assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void whenDelegationIsSetForAClientThenItIsReadBackAuditedAndDescribed() {
    String admin = token("idnum-admin", ADMIN_SECRET);
    call("POST", "/admin/clients", admin, BACKEND.replace("tax-backend", "delegation-backend"));
    String path = "/admin/clients/delegation-backend/delegation";
    assertThat(json(call("GET", path, admin, null)))
        .containsEntry("accepts_delegated_sessions", false)
        .containsEntry("accepts_organisations", false);
    HttpResponse<String> set = call("PUT", path, admin, "{\"accepts_delegated_sessions\":true}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(call("GET", path, admin, null)))
        .containsEntry("accepts_delegated_sessions", true)
        .containsEntry("accepts_organisations", false);
    HttpResponse<String> empty = call("PUT", path, admin, "{}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty)).containsEntry("error", "invalid_client_metadata");
    HttpResponse<String> malformed = call("PUT", path, admin, "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed)).containsEntry("error", "invalid_request");
    HttpResponse<String> unknownClient =
        call(
            "PUT",
            "/admin/clients/nobody/delegation",
            admin,
            "{\"accepts_delegated_sessions\":true}");
    assertThat(unknownClient.statusCode()).isEqualTo(404);
    assertThat(json(unknownClient)).containsEntry("error", "invalid_request");
    assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
    assertThat(http().get("/admin/api-docs").body())
        .contains("/admin/clients/{clientId}/delegation");
  }

  @Test
  void whenAnOrganisationIsRegisteredThenItsNeqIsUniqueAndBadValuesAreRefused() {
    String admin = token("idnum-admin", ADMIN_SECRET);
    String neq = String.format("%010d", System.nanoTime() % 10_000_000_000L);
    String body =
        "{\"neq\":\""
            + neq
            + "\",\"name\":\"Boulangerie Tremblay inc.\","
            + "\"administrator_email\":\"admin-org@example.ca\"}";
    HttpResponse<String> created = call("POST", "/admin/organisations", admin, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created))
        .containsEntry("neq", neq)
        .containsEntry("name", "Boulangerie Tremblay inc.")
        .containsKey("id");
    HttpResponse<String> again = call("POST", "/admin/organisations", admin, body);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again)).containsEntry("error", "invalid_request");
    HttpResponse<String> badNeq =
        call("POST", "/admin/organisations", admin, body.replace(neq, "12345"));
    assertThat(badNeq.statusCode()).isEqualTo(400);
    assertThat(json(badNeq)).containsEntry("error", "invalid_request");
    HttpResponse<String> badEmail =
        call(
            "POST",
            "/admin/organisations",
            admin,
            body.replace(neq, "1" + neq.substring(1)).replace("admin-org@example.ca", "nope"));
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(call("POST", "/admin/organisations", null, body).statusCode()).isEqualTo(401);
    assertThat(http().get("/admin/api-docs").body()).contains("/admin/organisations");
  }
}
