package ca.idnum.auth.oidc.token;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code client_credentials} over real HTTP with the demo back-end client seeded in demo mode (the
 * values the load benchmark relies on): RFC 9068 access tokens with a space-delimited {@code
 * scope}, audience-restricted; no store write per grant, yet introspection and revocation work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
class ClientCredentialsTest {

  static final String BACKEND = "demo-backend";
  static final String BACKEND_SECRET = "demo-backend-secret-for-local-testing-only";
  static final String ADMIN_SECRET = "admin-secret-for-tests-0123456789abcdefghij";
  static int port;

  @org.springframework.beans.factory.annotation.Autowired ShortLivedStore store;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-client-credentials");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("idnum.demo.enabled", () -> "true");
    registry.add("idnum.admin.client-secret", () -> ADMIN_SECRET);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
  }

  Http http() {
    return new Http("http://localhost:" + port);
  }

  HttpResponse<String> grant(String client, String secret, String scope) {
    return http()
        .postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials", "scope", scope),
            "Authorization",
            Http.basic(client, secret));
  }

  String token(String client, String secret, String scope) {
    HttpResponse<String> response = grant(client, secret, scope);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String) json(response).get("access_token");
  }

  Map<String, Object> introspect(String token) {
    HttpResponse<String> response =
        http()
            .postForm(
                "/oauth2/introspect",
                Map.of("token", token),
                "Authorization",
                Http.basic(BACKEND, BACKEND_SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  JWKSet jwks() throws Exception {
    return JWKSet.parse(http().get("/oauth2/jwks").body());
  }

  @Test
  void whenTheDemoBackendAsksForDemoReadThenItGetsAnAudienceRestrictedJwtWithAStringScope()
      throws Exception {
    String token = token(BACKEND, BACKEND_SECRET, "demo.read");

    assertThat(OidcKit.header(token).getType().getType()).isEqualTo("at+jwt");
    assertThat(OidcKit.header(token).getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    JWTClaimsSet claims = OidcKit.verify(token, jwks());
    assertThat(claims.getClaim("scope")).isEqualTo("demo.read");
    assertThat(claims.getAudience()).containsExactly("urn:idnum:demo-api");
    assertThat(claims.getSubject()).isEqualTo(BACKEND);
    assertThat(claims.getStringClaim("client_id")).isEqualTo(BACKEND);
  }

  @Test
  void whenTheDemoBackendUsesAWrongSecretOrAnotherScopeThenTheExactErrorComesBack() {
    HttpResponse<String> wrongSecret = grant(BACKEND, BACKEND_SECRET + "x", "demo.read");
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(json(wrongSecret)).containsEntry("error", "invalid_client");

    HttpResponse<String> otherScope = grant(BACKEND, BACKEND_SECRET, "idnum:admin");
    assertThat(otherScope.statusCode()).isEqualTo(400);
    assertThat(json(otherScope)).containsEntry("error", "invalid_scope");
  }

  @Test
  void whenAnAdminTokenCarriesAStringScopeThenTheAdminApiStillAcceptsIt() throws Exception {
    String admin = token("idnum-admin", ADMIN_SECRET, "idnum:admin");
    assertThat(OidcKit.verify(admin, jwks()).getClaim("scope")).isEqualTo("idnum:admin");

    HttpResponse<String> clients =
        http().get("/admin/clients/" + BACKEND, "Authorization", "Bearer " + admin);
    assertThat(clients.statusCode()).as(clients.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> registered = (Map<String, Object>) json(clients).get("client");
    assertThat(registered)
        .containsEntry("scope", "demo.read")
        .containsEntry("token_endpoint_auth_method", "client_secret_basic");

    String backend = token(BACKEND, BACKEND_SECRET, "demo.read");
    HttpResponse<String> refused =
        http().get("/admin/clients/" + BACKEND, "Authorization", "Bearer " + backend);
    assertThat(refused.statusCode()).isEqualTo(401);
  }

  @Test
  void whenATokenIsIntrospectedThenItIsActiveUntilRevoked() {
    String token = token(BACKEND, BACKEND_SECRET, "demo.read");
    Map<String, Object> active = introspect(token);
    assertThat(active)
        .containsEntry("active", true)
        .containsEntry("scope", "demo.read")
        .containsEntry("client_id", BACKEND)
        .containsEntry("sub", BACKEND)
        .containsEntry("token_type", "Bearer");

    HttpResponse<String> revoked =
        http()
            .postForm(
                "/oauth2/revoke",
                Map.of("token", token, "token_type_hint", "access_token"),
                "Authorization",
                Http.basic(BACKEND, BACKEND_SECRET));
    assertThat(revoked.statusCode()).isEqualTo(200);

    assertThat(introspect(token)).containsEntry("active", false);
    assertThat(introspect(token(BACKEND, BACKEND_SECRET, "demo.read")))
        .containsEntry("active", true);
  }

  @Test
  void whenAClientCredentialsTokenIsIssuedThenNothingIsWrittenToTheStoreUntilItIsRevoked() {
    String token = token(BACKEND, BACKEND_SECRET, "demo.read");
    String digest = StoreAuthorizationService.digest(token);
    assertThat(store.get("az:at:" + digest)).isEmpty();
    assertThat(store.get("az:cc-revoked:" + digest)).isEmpty();

    http()
        .postForm(
            "/oauth2/revoke",
            Map.of("token", token),
            "Authorization",
            Http.basic(BACKEND, BACKEND_SECRET));
    assertThat(store.get("az:cc-revoked:" + digest)).isPresent();
    assertThat(introspect(token)).containsEntry("active", false);
  }

  @Test
  void whenAnotherClientTriesToRevokeATokenThenItStaysActive() {
    String token = token(BACKEND, BACKEND_SECRET, "demo.read");
    HttpResponse<String> foreign =
        http()
            .postForm(
                "/oauth2/revoke",
                Map.of("token", token),
                "Authorization",
                Http.basic("idnum-admin", ADMIN_SECRET));
    assertThat(foreign.statusCode()).isLessThan(500);
    assertThat(introspect(token)).containsEntry("active", true);
  }

  @Test
  void whenATamperedOrForeignTokenIsIntrospectedThenItIsInactive() throws Exception {
    String token = token(BACKEND, BACKEND_SECRET, "demo.read");
    String[] parts = token.split("\\.");
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("demo.read", "demo.rite");
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(introspect(tampered)).containsEntry("active", false);
    assertThat(introspect("not-a-token")).containsEntry("active", false);
  }
}
