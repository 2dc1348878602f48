package ca.idnum.auth.oidc.flow;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The OpenID Provider over real HTTP: code flow with PKCE through login and consent, tokens,
 * userinfo, refresh rotation, pairwise subjects, private_key_jwt, PAR + DPoP, and the negative
 * cases with their exact OAuth errors. Subclasses run it on the embedded default and on the
 * production profile (PostgreSQL + Redis).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractOidcFlowTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String LOGGED_OUT = "http://127.0.0.1:8080/bye";
  static final String SECRET_A = "test-secret-of-revenue-rp-0123456789abcdef";
  static final String SECRET_A2 = "test-secret-of-revenue-es-0123456789abcdef";
  static final String SECRET_B = "test-secret-of-health-rp-0123456789abcdefgh";
  static final String SECRET_BACKEND = "test-secret-of-backend-0123456789abcdefghij";

  @Value("${server.port}")
  int port;

  @Autowired ClientRegistrations registrations;
  @Autowired MutableClock clock;
  @Autowired ca.idnum.auth.oidc.consent.JdbcConsents consents;

  String issuer;
  RSAKey jwtClientRsa;
  ECKey jwtClientEc;
  ECKey fapiClientKey;

  @BeforeAll
  void registerClients() throws Exception {
    issuer = "http://localhost:" + port;
    register(
        "revenue-rp",
        "Revenu",
        "urn:idnum:sector:revenue",
        SECRET_A,
        "RS256",
        null,
        false,
        List.of("authorization_code", "refresh_token"),
        "openid profile email phone idnum.identity");
    register(
        "revenue-es",
        "Revenu (ES256)",
        "urn:idnum:sector:revenue",
        SECRET_A2,
        "ES256",
        null,
        false,
        List.of("authorization_code", "refresh_token"),
        "openid profile email");
    register(
        "health-rp",
        "Santé",
        "urn:idnum:sector:health",
        SECRET_B,
        "PS256",
        null,
        false,
        List.of("authorization_code", "refresh_token"),
        "openid profile email");
    register(
        "backend",
        "Back end",
        "urn:idnum:sector:backend",
        SECRET_BACKEND,
        "RS256",
        null,
        false,
        List.of("client_credentials"),
        "");
    jwtClientRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    jwtClientEc = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    register(
        "jwt-rp",
        "Transport",
        "urn:idnum:sector:transport",
        null,
        "RS256",
        new JWKSet(List.of(jwtClientRsa.toPublicJWK(), jwtClientEc.toPublicJWK())),
        false,
        List.of("authorization_code", "refresh_token", "client_credentials"),
        "openid profile");
    fapiClientKey = new ECKeyGenerator(Curve.P_256).keyID("fapi-1").generate();
    register(
        "fapi-rp",
        "Finances",
        "urn:idnum:sector:finance",
        null,
        "ES256",
        new JWKSet(fapiClientKey.toPublicJWK()),
        true,
        List.of("authorization_code", "refresh_token"),
        "openid profile email");
  }

  private void register(
      String clientId,
      String name,
      String sector,
      String secret,
      String alg,
      JWKSet jwks,
      boolean highAssurance,
      List<String> grants,
      String scope) {
    if (registrations.find(clientId).isPresent()) {
      return;
    }
    registrations.register(
        new ClientMetadata(
            clientId,
            name,
            sector,
            jwks == null ? "client_secret_basic" : "private_key_jwt",
            jwks == null ? null : jwks.toJSONObject(true),
            grants,
            grants.contains("authorization_code") ? List.of(CALLBACK) : List.of(),
            grants.contains("authorization_code") ? List.of(LOGGED_OUT) : List.of(),
            scope,
            highAssurance,
            alg,
            List.of("urn:idnum:api:" + clientId),
            300),
        Optional.ofNullable(secret));
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  Http browser() {
    return new Http(issuer);
  }

  JWKSet jwks() throws Exception {
    return JWKSet.parse(browser().get("/oauth2/jwks").body());
  }

  /** Code flow up to the callback for {@code clientId}; returns the callback parameters. */
  Map<String, String> authorize(
      Http browser, String clientId, String scope, Pkce pkce, String citizen) {
    Map<String, String> request =
        OidcKit.authorizationRequest(
            clientId, CALLBACK, scope, pkce, "st-" + OidcKit.random(8), "n-" + OidcKit.random(8));
    Map<String, String> callback =
        OidcKit.browse(
            browser,
            "/oauth2/authorize?" + Http.form(request),
            CALLBACK,
            citizen,
            OidcTestConfig.PASSWORD,
            null);
    assertThat(callback).containsEntry("state", request.get("state"));
    callback.put("nonce", request.get("nonce"));
    return callback;
  }

  HttpResponse<String> exchange(
      Http http, String clientId, String secret, String code, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", verifier);
    return http.postForm("/oauth2/token", form, "Authorization", Http.basic(clientId, secret));
  }

  Map<String, Object> tokensFor(String clientId, String secret, String scope, String citizen) {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> callback = authorize(browser, clientId, scope, pkce, citizen);
    HttpResponse<String> response =
        exchange(browser, clientId, secret, callback.get("code"), pkce.verifier());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> tokens = json(response);
    tokens.put("nonce", callback.get("nonce"));
    return tokens;
  }

  static void assertNoServerErrorShape(HttpResponse<String> response) {
    assertThat(response.statusCode()).isLessThan(500);
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("trace");
  }

  static void assertOAuthError(HttpResponse<String> response, int status, String error) {
    assertNoServerErrorShape(response);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response)).containsEntry("error", error);
  }

  // ------------------------------------------------------------------ happy paths

  @Test
  @SuppressWarnings("unchecked")
  void discoveryPublishesTheProviderContract() {
    Map<String, Object> discovery = json(browser().get("/.well-known/openid-configuration"));
    assertThat(discovery).containsEntry("issuer", issuer);
    assertThat(discovery.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
    assertThat(discovery.get("response_types_supported")).isEqualTo(List.of("code"));
    assertThat(discovery.get("subject_types_supported")).isEqualTo(List.of("pairwise"));
    assertThat(discovery.get("acr_values_supported"))
        .isEqualTo(List.of("urn:idnum:loa:1", "urn:idnum:loa:2", "urn:idnum:loa:3"));
    assertThat(discovery).containsEntry("authorization_response_iss_parameter_supported", true);
    assertThat(discovery.get("id_token_signing_alg_values_supported"))
        .isEqualTo(List.of("RS256", "PS256", "ES256"));
    assertThat(discovery)
        .containsKeys(
            "pushed_authorization_request_endpoint",
            "introspection_endpoint",
            "revocation_endpoint",
            "end_session_endpoint",
            "userinfo_endpoint",
            "jwks_uri");
    assertThat((List<Object>) discovery.get("scopes_supported")).contains("idnum.identity");
    assertThat((List<Object>) discovery.get("grant_types_supported"))
        .doesNotContain("password", "implicit");
    // the precomputed body is served again identically
    assertThat(browser().get("/.well-known/openid-configuration").body())
        .isEqualTo(browser().get("/.well-known/openid-configuration").body());
  }

  @Test
  void codeFlowWithPkceGivesVerifiedIdTokenAccessTokenAndUserinfo() throws Exception {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        authorize(
            browser,
            "revenue-rp",
            "openid profile email idnum.identity",
            pkce,
            OidcTestConfig.ALICE.toString());
    assertThat(callback).containsEntry("iss", issuer).containsKey("code");
    HttpResponse<String> response =
        exchange(browser, "revenue-rp", SECRET_A, callback.get("code"), pkce.verifier());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    Map<String, Object> tokens = json(response);
    assertThat(tokens).containsKeys("access_token", "id_token", "refresh_token");
    assertThat(tokens).containsEntry("token_type", "Bearer");

    JWKSet jwks = jwks();
    String idToken = (String) tokens.get("id_token");
    assertThat(OidcKit.header(idToken).getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    JWTClaimsSet id = OidcKit.verify(idToken, jwks);
    assertThat(id.getIssuer()).isEqualTo(issuer);
    assertThat(id.getAudience()).containsExactly("revenue-rp");
    assertThat(id.getSubject()).isNotEqualTo(OidcTestConfig.ALICE.toString()).hasSize(43);
    assertThat(id.getStringClaim("acr")).isEqualTo("urn:idnum:loa:1");
    assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
    assertThat(id.getClaim("auth_time")).isNotNull();
    assertThat(id.getStringClaim("sid")).isNotBlank();
    assertThat(id.getStringClaim("nonce")).isEqualTo(callback.get("nonce"));
    assertThat(Duration.between(id.getIssueTime().toInstant(), id.getExpirationTime().toInstant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(5));

    String accessToken = (String) tokens.get("access_token");
    assertThat(OidcKit.header(accessToken).getType().getType()).isEqualTo("at+jwt");
    assertThat(OidcKit.header(accessToken).getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    JWTClaimsSet at = OidcKit.verify(accessToken, jwks);
    assertThat(at.getSubject()).isEqualTo(id.getSubject());
    assertThat(at.getAudience()).containsExactly("urn:idnum:api:revenue-rp");
    assertThat(at.getStringClaim("client_id")).isEqualTo("revenue-rp");
    // RFC 9068 §2.2.3: one space-delimited string
    assertThat(at.getClaim("scope")).isEqualTo("email idnum.identity openid profile");

    HttpResponse<String> userinfo =
        browser.get("/userinfo", "Authorization", "Bearer " + accessToken);
    assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
    Map<String, Object> claims = json(userinfo);
    assertThat(claims)
        .containsEntry("sub", id.getSubject())
        .containsEntry("email", "alice@example.org")
        .containsEntry("email_verified", true)
        .containsEntry("given_name", "Alice")
        .containsEntry("family_name", "Tremblay")
        .containsEntry("birthdate", "1985-04-12")
        .doesNotContainKey("phone_number");

    // introspection by the client itself
    HttpResponse<String> introspection =
        browser.postForm(
            "/oauth2/introspect",
            Map.of("token", accessToken),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertThat(json(introspection)).containsEntry("active", true);
  }

  /** Bob's login from {@code url} (an authorization request, or the login page itself). */
  private static HttpResponse<String> logInAsBob(Http browser, String url) {
    return OidcKit.logIn(browser, url, OidcTestConfig.BOB.toString(), OidcTestConfig.PASSWORD);
  }

  @Test
  void consentIsRememberedForTheClient() {
    tokensFor("revenue-es", SECRET_A2, "openid email", OidcTestConfig.BOB.toString());
    // A second authorization for the same scopes goes straight back to the client.
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> request =
        OidcKit.authorizationRequest("revenue-es", CALLBACK, "openid email", pkce, "s1", "n1");
    // the login form's post is answered with the authorization request's own answer: no detour
    HttpResponse<String> afterLogin =
        logInAsBob(browser, "/oauth2/authorize?" + Http.form(request));
    assertThat(afterLogin.statusCode()).isEqualTo(302);
    assertThat(Http.location(afterLogin)).startsWith(CALLBACK).contains("code=");
    Map<String, String> query = Http.query(Http.location(afterLogin));
    assertThat(query).containsEntry("state", "s1").containsKey("iss");
    assertThat(query.keySet()).doesNotContain("username", "password", "_csrf", "continue");
  }

  @Test
  void whenTheLoginFormAnswersWithTheCodeThenTheAuthorizationRequestIsExactlyTheOneSaved()
      throws Exception {
    tokensFor("revenue-es", SECRET_A2, "openid email", OidcTestConfig.BOB.toString());
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    String state = "état 1+2/ü & co=%";
    Map<String, String> request =
        OidcKit.authorizationRequest("revenue-es", CALLBACK, "openid email", pkce, state, "n1");
    HttpResponse<String> answer = logInAsBob(browser, "/oauth2/authorize?" + Http.form(request));
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    Map<String, String> query = Http.query(Http.location(answer));
    assertThat(query).containsEntry("state", state);
    // the code is bound to the saved request's PKCE challenge and redirect URI
    HttpResponse<String> tokens =
        exchange(browser, "revenue-es", SECRET_A2, query.get("code"), pkce.verifier());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JWTClaimsSet id = OidcKit.verify((String) json(tokens).get("id_token"), jwks());
    assertThat(id.getStringClaim("nonce")).isEqualTo("n1");
    // the citizen's session is the one the login created: the next request needs no login
    Map<String, String> again =
        OidcKit.authorizationRequest(
            "revenue-es", CALLBACK, "openid email", Pkce.generate(), "s2", "n2");
    assertThat(
            Http.location(
                browser.get("/oauth2/authorize?" + Http.form(again), "Accept", "text/html")))
        .startsWith(CALLBACK)
        .contains("code=");
  }

  @Test
  void whenAnAuthorizationRequestNeedsALoginThenItIsAnsweredWithTheLoginPageItself()
      throws Exception {
    tokensFor("revenue-es", SECRET_A2, "openid email", OidcTestConfig.BOB.toString());
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> request =
        OidcKit.authorizationRequest("revenue-es", CALLBACK, "openid email", pkce, "s1", "n1");
    // a parameter the login page would read ("session ended" notice) is not passed on to it
    request.put("expired", "");
    HttpResponse<String> page =
        browser.get("/oauth2/authorize?" + Http.form(request), "Accept", "text/html");
    OidcKit.assertLoginPage(page);
    assertThat(page.headers().firstValue("Location")).isEmpty();
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(c -> assertThat(c).contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    assertThat(page.body()).doesNotContain("Votre session a pris fin");
    // the stylesheet under its content-hashed address, as on any page (cached for a year)
    assertThat(page.body()).containsPattern("href=\"/css/idnum-[0-9a-f]{32}\\.css\"");
    // the browser shows the authorization request's address: the language link leads to the
    // login page, which keeps the saved request (a bare "?lang=en" would replace its parameters)
    assertThat(page.body()).contains("href=\"/login?lang=en\"");
    HttpResponse<String> english = browser.get("/login?lang=en", "Accept", "text/html");
    OidcKit.assertLoginPage(english);
    assertThat(english.body()).contains("lang=\"en\"");
    HttpResponse<String> answer = logInAsBob(browser, "/login?lang=en");
    Map<String, String> query = Http.query(Http.location(answer));
    assertThat(query).containsEntry("state", "s1");
    HttpResponse<String> tokens =
        exchange(browser, "revenue-es", SECRET_A2, query.get("code"), pkce.verifier());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    // anything but a GET is still sent to the login page (a forwarded POST would be a login)
    HttpResponse<String> post =
        browser()
            .postForm(
                "/oauth2/authorize",
                Map.of("client_id", "revenue-es", "state", "x", "scope", "email"),
                "Accept",
                "text/html");
    assertThat(post.statusCode()).isEqualTo(302);
    assertThat(Http.location(post)).endsWith("/login");
  }

  @Test
  void consentPageNamesTheBodyAndEachClaimInFrenchByDefaultAndEnglishOnRequest() {
    Http browser = browser();
    Map<String, String> request =
        OidcKit.authorizationRequest(
            "health-rp", CALLBACK, "openid profile email", Pkce.generate(), "s", "n");
    HttpResponse<String> toConsent =
        OidcKit.logIn(
            browser,
            "/oauth2/authorize?" + Http.form(request),
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD);
    String consentUrl = Http.location(toConsent);
    String french = browser.get(consentUrl, "Accept", "text/html").body();
    assertThat(french)
        .contains("lang=\"fr\"")
        .contains("Santé")
        .contains("<fieldset>")
        .contains("<legend>")
        .contains("<label for=\"scope-0\"")
        .contains("Votre adresse courriel")
        .contains("Votre prénom")
        .contains("name=\"_csrf\"");
    String english = browser.get(consentUrl + "&lang=en", "Accept", "text/html").body();
    assertThat(english)
        .contains("lang=\"en\"")
        .contains("Your email address")
        .contains("Your first name");
  }

  @Test
  void pairwiseSubjectsDifferAcrossSectorsAndMatchWithinOne() throws Exception {
    String citizen = OidcTestConfig.ALICE.toString();
    JWKSet jwks = jwks();
    String revenue =
        OidcKit.verify(
                (String)
                    tokensFor("revenue-rp", SECRET_A, "openid profile", citizen).get("id_token"),
                jwks)
            .getSubject();
    Map<String, Object> es = tokensFor("revenue-es", SECRET_A2, "openid profile", citizen);
    String revenueEs = OidcKit.verify((String) es.get("id_token"), jwks).getSubject();
    assertThat(OidcKit.header((String) es.get("id_token")).getAlgorithm())
        .isEqualTo(JWSAlgorithm.ES256);
    Map<String, Object> health = tokensFor("health-rp", SECRET_B, "openid profile", citizen);
    assertThat(OidcKit.header((String) health.get("id_token")).getAlgorithm())
        .isEqualTo(JWSAlgorithm.PS256);
    String healthSub = OidcKit.verify((String) health.get("id_token"), jwks).getSubject();
    assertThat(revenue).isEqualTo(revenueEs);
    assertThat(healthSub).isNotEqualTo(revenue);
    String bobRevenue =
        OidcKit.verify(
                (String)
                    tokensFor("revenue-rp", SECRET_A, "openid", OidcTestConfig.BOB.toString())
                        .get("id_token"),
                jwks)
            .getSubject();
    assertThat(bobRevenue).isNotEqualTo(revenue);
  }

  @Test
  void refreshTokensRotateAndReuseRevokesTheFamily() {
    Map<String, Object> tokens =
        tokensFor("revenue-rp", SECRET_A, "openid profile", OidcTestConfig.ALICE.toString());
    Http http = browser();
    String first = (String) tokens.get("refresh_token");
    HttpResponse<String> refreshed =
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "refresh_token", "refresh_token", first),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    String second = (String) json(refreshed).get("refresh_token");
    String secondAccess = (String) json(refreshed).get("access_token");
    assertThat(second).isNotEqualTo(first);

    // the old one again: refused, and the whole family is revoked
    HttpResponse<String> reuse =
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "refresh_token", "refresh_token", first),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertOAuthError(reuse, 400, "invalid_grant");
    HttpResponse<String> afterReuse =
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "refresh_token", "refresh_token", second),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertOAuthError(afterReuse, 400, "invalid_grant");
    HttpResponse<String> introspection =
        http.postForm(
            "/oauth2/introspect",
            Map.of("token", secondAccess),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertThat(json(introspection)).containsEntry("active", false);
  }

  @Test
  void clientCredentialsForBackEnds() throws Exception {
    HttpResponse<String> response =
        browser()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic("backend", SECRET_BACKEND));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> tokens = json(response);
    assertThat(tokens).doesNotContainKeys("refresh_token", "id_token");
    JWTClaimsSet at = OidcKit.verify((String) tokens.get("access_token"), jwks());
    assertThat(at.getSubject()).isEqualTo("backend");
    assertThat(at.getAudience()).containsExactly("urn:idnum:api:backend");
  }

  @Test
  void privateKeyJwtWithRs256AndEs256AssertionsAndReplayOrTamperingRefused() {
    Http http = browser();
    for (var key : List.of(jwtClientRsa, jwtClientEc)) {
      JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
      String assertion = OidcKit.clientAssertion("jwt-rp", issuer, key, alg);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "client_credentials");
      form.put("client_id", "jwt-rp");
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.put("client_assertion", assertion);
      HttpResponse<String> ok = http.postForm("/oauth2/token", form);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      // replayed assertion (same jti)
      assertOAuthError(http.postForm("/oauth2/token", form), 401, "invalid_client");
    }
    String ps = OidcKit.clientAssertion("jwt-rp", issuer, jwtClientRsa, JWSAlgorithm.PS256);
    String[] parts = ps.split("\\.");
    String tampered = parts[0] + "." + OidcKit.random(40) + "." + parts[2];
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", "jwt-rp");
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", tampered);
    assertOAuthError(http.postForm("/oauth2/token", form), 401, "invalid_client");
    form.put("client_assertion", ps);
    HttpResponse<String> psOk = http.postForm("/oauth2/token", form);
    assertThat(psOk.statusCode()).as(psOk.body()).isEqualTo(200);
  }

  @Test
  void highAssuranceClientUsesParAndDPoPWithServerNonce() throws Exception {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> request =
        OidcKit.authorizationRequest(
            "fapi-rp", CALLBACK, "openid profile", pkce, "fapi-state", "fapi-nonce");

    // a plain authorization request is refused for this client
    HttpResponse<String> direct =
        browser.get("/oauth2/authorize?" + Http.form(request), "Accept", "text/html");
    assertOAuthError(direct, 400, "invalid_request");
    assertThat(direct.headers().firstValue("Location")).isEmpty();

    Map<String, String> par = new LinkedHashMap<>(request);
    par.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    par.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    // the pushed request carries a DPoP proof: the code gets bound to that key (RFC 9449 §10)
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    String parUrl = issuer + "/oauth2/par";
    HttpResponse<String> parNoNonce =
        browser.postForm(
            "/oauth2/par", par, "DPoP", OidcKit.dpopProof(dpopKey, "POST", parUrl, null, null));
    assertOAuthError(parNoNonce, 400, "use_dpop_nonce");
    String parNonce = parNoNonce.headers().firstValue("DPoP-Nonce").orElseThrow();
    par.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    HttpResponse<String> pushed =
        browser.postForm(
            "/oauth2/par", par, "DPoP", OidcKit.dpopProof(dpopKey, "POST", parUrl, parNonce, null));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    String requestUri = (String) json(pushed).get("request_uri");

    Map<String, String> callback =
        OidcKit.browse(
            browser,
            "/oauth2/authorize?client_id=fapi-rp&request_uri=" + Http.enc(requestUri),
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD,
            null);
    assertThat(callback).containsEntry("state", "fapi-state").containsEntry("iss", issuer);

    String tokenUrl = issuer + "/oauth2/token";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", callback.get("code"));
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", pkce.verifier());
    form.put("client_id", "fapi-rp");
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

    // without DPoP: refused
    form.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    assertOAuthError(browser.postForm("/oauth2/token", form), 400, "invalid_dpop_proof");

    // without nonce: use_dpop_nonce with a DPoP-Nonce header
    form.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    HttpResponse<String> noNonce =
        browser.postForm(
            "/oauth2/token",
            form,
            "DPoP",
            OidcKit.dpopProof(dpopKey, "POST", tokenUrl, null, null));
    assertOAuthError(noNonce, 400, "use_dpop_nonce");
    String nonce = noNonce.headers().firstValue("DPoP-Nonce").orElseThrow();

    // a proof with another key than the one the code is bound to: refused, code not consumed
    form.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    ECKey strangerKey = new ECKeyGenerator(Curve.P_256).generate();
    assertOAuthError(
        browser.postForm(
            "/oauth2/token",
            form,
            "DPoP",
            OidcKit.dpopProof(strangerKey, "POST", tokenUrl, nonce, null)),
        400,
        "invalid_dpop_proof");

    form.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    String proof = OidcKit.dpopProof(dpopKey, "POST", tokenUrl, nonce, null);
    HttpResponse<String> tokens = browser.postForm("/oauth2/token", form, "DPoP", proof);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    assertThat(json(tokens)).containsEntry("token_type", "DPoP");
    String accessToken = (String) json(tokens).get("access_token");
    JWTClaimsSet at = OidcKit.verify(accessToken, jwks());
    assertThat(at.getJSONObjectClaim("cnf"))
        .containsEntry("jkt", dpopKey.computeThumbprint().toString());

    // the same proof again: replay refused
    form.put(
        "client_assertion",
        OidcKit.clientAssertion("fapi-rp", issuer, fapiClientKey, JWSAlgorithm.ES256));
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", (String) json(tokens).get("refresh_token"));
    assertOAuthError(
        browser.postForm("/oauth2/token", form, "DPoP", proof), 400, "invalid_dpop_proof");

    // userinfo with the bound key works; with another key it does not
    String userinfoUrl = issuer + "/userinfo";
    HttpResponse<String> userinfo =
        browser.get(
            "/userinfo",
            "Authorization",
            "DPoP " + accessToken,
            "DPoP",
            OidcKit.dpopProof(dpopKey, "GET", userinfoUrl, null, accessToken));
    assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
    ECKey otherKey = new ECKeyGenerator(Curve.P_256).generate();
    HttpResponse<String> mismatch =
        browser.get(
            "/userinfo",
            "Authorization",
            "DPoP " + accessToken,
            "DPoP",
            OidcKit.dpopProof(otherKey, "GET", userinfoUrl, null, accessToken));
    assertNoServerErrorShape(mismatch);
    assertThat(mismatch.statusCode()).isEqualTo(401);
    assertThat(mismatch.headers().firstValue("WWW-Authenticate").orElse(""))
        .contains("invalid_dpop_proof");
  }

  @Test
  void springSecurityOauth2ClientAsRelyingPartyLogsInWithValidatedIdTokenAndUserinfo() {
    org.springframework.security.oauth2.client.registration.ClientRegistration registration =
        org.springframework.security.oauth2.client.registration.ClientRegistrations
            .fromIssuerLocation(issuer)
            .registrationId("idnum")
            .clientId("revenue-rp")
            .clientSecret(SECRET_A)
            .clientAuthenticationMethod(
                org.springframework.security.oauth2.core.ClientAuthenticationMethod
                    .CLIENT_SECRET_BASIC)
            .authorizationGrantType(
                org.springframework.security.oauth2.core.AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(CALLBACK)
            .scope("openid", "profile", "email")
            .build();
    var resolver =
        new org.springframework.security.oauth2.client.web
            .DefaultOAuth2AuthorizationRequestResolver(
            new org.springframework.security.oauth2.client.registration
                .InMemoryClientRegistrationRepository(registration),
            "/oauth2/authorization");
    resolver.setAuthorizationRequestCustomizer(
        org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers
            .withPkce());
    var servletRequest =
        new org.springframework.mock.web.MockHttpServletRequest(
            "GET", "/oauth2/authorization/idnum");
    servletRequest.setServletPath("/oauth2/authorization/idnum");
    var authorizationRequest = resolver.resolve(servletRequest);
    assertThat(authorizationRequest.getAttributes()).containsKey("code_verifier");

    Map<String, String> callback =
        OidcKit.browse(
            browser(),
            authorizationRequest.getAuthorizationRequestUri(),
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD,
            null);
    var authorizationResponse =
        org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse.success(
                callback.get("code"))
            .redirectUri(CALLBACK)
            .state(callback.get("state"))
            .build();
    var provider =
        new org.springframework.security.oauth2.client.oidc.authentication
            .OidcAuthorizationCodeAuthenticationProvider(
            new org.springframework.security.oauth2.client.endpoint
                .RestClientAuthorizationCodeTokenResponseClient(),
            new org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService());
    var login =
        (org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken)
            provider.authenticate(
                new org.springframework.security.oauth2.client.authentication
                    .OAuth2LoginAuthenticationToken(
                    registration,
                    new org.springframework.security.oauth2.core.endpoint
                        .OAuth2AuthorizationExchange(authorizationRequest, authorizationResponse)));
    var user = (org.springframework.security.oauth2.core.oidc.user.OidcUser) login.getPrincipal();
    assertThat(user.getIdToken().getIssuer().toString()).isEqualTo(issuer);
    assertThat(user.getSubject()).hasSize(43).isNotEqualTo(OidcTestConfig.ALICE.toString());
    assertThat(user.getEmail()).isEqualTo("alice@example.org");
    assertThat(user.getUserInfo().getGivenName()).isEqualTo("Alice");
    assertThat(user.getIdToken().<String>getClaim("acr")).isEqualTo("urn:idnum:loa:1");
  }

  @Test
  void rpInitiatedLogoutEndsTheSessionAndReturnsToTheRegisteredUri() {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        authorize(browser, "revenue-rp", "openid profile", pkce, OidcTestConfig.BOB.toString());
    HttpResponse<String> tokens =
        exchange(browser, "revenue-rp", SECRET_A, callback.get("code"), pkce.verifier());
    String idToken = (String) json(tokens).get("id_token");
    HttpResponse<String> logout =
        browser.get(
            "/connect/logout?id_token_hint="
                + Http.enc(idToken)
                + "&post_logout_redirect_uri="
                + Http.enc(LOGGED_OUT)
                + "&state=bye-state",
            "Accept",
            "text/html");
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
    assertThat(Http.location(logout)).startsWith(LOGGED_OUT).contains("state=bye-state");
    // the session is gone: a new authorization needs a login again
    Map<String, String> again =
        OidcKit.authorizationRequest(
            "revenue-rp", CALLBACK, "openid profile", Pkce.generate(), "s2", "n2");
    HttpResponse<String> start =
        browser.get("/oauth2/authorize?" + Http.form(again), "Accept", "text/html");
    OidcKit.assertLoginPage(start);
    // an unregistered post-logout URI is not followed
    HttpResponse<String> evil =
        browser.get(
            "/connect/logout?id_token_hint="
                + Http.enc(idToken)
                + "&post_logout_redirect_uri="
                + Http.enc("https://evil.example/"),
            "Accept",
            "text/html");
    assertNoServerErrorShape(evil);
    assertThat(evil.headers().firstValue("Location").orElse("")).doesNotContain("evil.example");
  }

  @Test
  void revokedRefreshTokenStopsWorkingAndRevokedConsentIsAskedAgain() {
    Map<String, Object> tokens =
        tokensFor("health-rp", SECRET_B, "openid email", OidcTestConfig.BOB.toString());
    Http http = browser();
    HttpResponse<String> revoked =
        http.postForm(
            "/oauth2/revoke",
            Map.of("token", (String) tokens.get("refresh_token")),
            "Authorization",
            Http.basic("health-rp", SECRET_B));
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertOAuthError(
        http.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                (String) tokens.get("refresh_token")),
            "Authorization",
            Http.basic("health-rp", SECRET_B)),
        400,
        "invalid_grant");

    String clientRowId = registrations.find("health-rp").orElseThrow().id();
    assertThat(consents.listFor(OidcTestConfig.BOB.toString()))
        .anyMatch(
            c ->
                c.registeredClientId().equals(clientRowId)
                    && c.sectorIdentifier().equals("urn:idnum:sector:health")
                    && c.scopes().contains("email"));
    assertThat(consents.revokeSector(OidcTestConfig.BOB.toString(), "urn:idnum:sector:health"))
        .isEqualTo(1);
    assertThat(consents.findById(clientRowId, OidcTestConfig.BOB.toString())).isNull();
  }

  // ------------------------------------------------------------------ negative cases

  HttpResponse<String> authorizeRaw(Map<String, String> params) {
    return browser().get("/oauth2/authorize?" + Http.form(params), "Accept", "text/html");
  }

  @Test
  void unregisteredOrPartiallyMatchingRedirectUriIsRefusedWithoutRedirect() {
    for (String uri :
        List.of(
            "https://evil.example/cb",
            CALLBACK + "/more",
            CALLBACK + "?x=1",
            "http://127.0.0.1:8080/c",
            "http://127.0.0.1:8081/cb")) {
      Map<String, String> request =
          OidcKit.authorizationRequest("revenue-rp", uri, "openid", Pkce.generate(), "s", "n");
      HttpResponse<String> response = authorizeRaw(request);
      assertThat(response.statusCode())
          .as("%s -> %s", uri, response.headers().firstValue("Location"))
          .isEqualTo(400);
      assertOAuthError(response, 400, "invalid_request");
      assertThat(response.headers().firstValue("Location")).isEmpty();
    }
  }

  @Test
  void missingOrPlainPkceIsRefused() {
    Map<String, String> missing =
        OidcKit.authorizationRequest("revenue-rp", CALLBACK, "openid", Pkce.generate(), "s", "n");
    missing.remove("code_challenge");
    missing.remove("code_challenge_method");
    Map<String, String> error = Http.query(Http.location(authorizeRaw(missing)));
    assertThat(error)
        .containsEntry("error", "invalid_request")
        .containsEntry("iss", issuer)
        .containsEntry("state", "s");

    Map<String, String> plain =
        OidcKit.authorizationRequest("revenue-rp", CALLBACK, "openid", Pkce.generate(), "s", "n");
    plain.put("code_challenge_method", "plain");
    assertThat(Http.query(Http.location(authorizeRaw(plain))))
        .containsEntry("error", "invalid_request");
  }

  @Test
  void unknownScopeAndImplicitAreRefused() {
    Map<String, String> scope =
        OidcKit.authorizationRequest(
            "revenue-rp", CALLBACK, "openid admin:everything", Pkce.generate(), "s", "n");
    assertThat(Http.query(Http.location(authorizeRaw(scope))))
        .containsEntry("error", "invalid_scope");
    Map<String, String> implicit =
        OidcKit.authorizationRequest("revenue-rp", CALLBACK, "openid", Pkce.generate(), "s", "n");
    implicit.put("response_type", "token");
    HttpResponse<String> response = authorizeRaw(implicit);
    assertNoServerErrorShape(response);
    String error =
        response.statusCode() == 302
            ? Http.query(Http.location(response)).get("error")
            : (String) json(response).get("error");
    assertThat(error).isIn("unsupported_response_type", "invalid_request");
  }

  @Test
  void wrongVerifierReplayedCodeAndWrongSecretAreRefused() throws Exception {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        authorize(browser, "revenue-rp", "openid profile", pkce, OidcTestConfig.ALICE.toString());
    assertOAuthError(
        exchange(browser, "revenue-rp", "wrong-secret", callback.get("code"), pkce.verifier()),
        401,
        "invalid_client");
    assertOAuthError(
        exchange(browser, "revenue-rp", SECRET_A, callback.get("code"), Pkce.generate().verifier()),
        400,
        "invalid_grant");

    Pkce pkce2 = Pkce.generate();
    Map<String, String> callback2 =
        authorize(browser, "revenue-rp", "openid profile", pkce2, OidcTestConfig.ALICE.toString());
    HttpResponse<String> first =
        exchange(browser, "revenue-rp", SECRET_A, callback2.get("code"), pkce2.verifier());
    assertThat(first.statusCode()).isEqualTo(200);
    String accessToken = (String) json(first).get("access_token");
    assertOAuthError(
        exchange(browser, "revenue-rp", SECRET_A, callback2.get("code"), pkce2.verifier()),
        400,
        "invalid_grant");
    // replaying the code revoked what was issued from it
    HttpResponse<String> introspection =
        browser.postForm(
            "/oauth2/introspect",
            Map.of("token", accessToken),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertThat(json(introspection)).containsEntry("active", false);
    HttpResponse<String> refresh =
        browser.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                (String) json(first).get("refresh_token")),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A));
    assertOAuthError(refresh, 400, "invalid_grant");
  }

  @Test
  void expiredCodeIsRefused() {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    clock.shift(Duration.ofSeconds(-120));
    Map<String, String> callback =
        authorize(browser, "revenue-rp", "openid profile", pkce, OidcTestConfig.ALICE.toString());
    clock.reset();
    assertOAuthError(
        exchange(browser, "revenue-rp", SECRET_A, callback.get("code"), pkce.verifier()),
        400,
        "invalid_grant");
  }

  @Test
  void malformedParametersAndUnsupportedGrantsAreRefused() {
    Http http = browser();
    HttpResponse<String> duplicate =
        http.get(
            "/oauth2/authorize?response_type=code"
                + "&client_id=revenue-rp&client_id=health-rp&redirect_uri="
                + Http.enc(CALLBACK)
                + "&scope=openid&code_challenge=abc&code_challenge_method=S256",
            "Accept",
            "text/html");
    assertOAuthError(duplicate, 400, "invalid_request");
    HttpResponse<String> unknownClient =
        authorizeRaw(
            OidcKit.authorizationRequest("nobody", CALLBACK, "openid", Pkce.generate(), "s", "n"));
    assertOAuthError(unknownClient, 400, "invalid_request");
    assertOAuthError(
        http.postForm(
            "/oauth2/token",
            Map.of("code", "x"),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A)),
        400,
        "invalid_request");
    assertOAuthError(
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "password", "username", "a", "password", "b"),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A)),
        400,
        "unsupported_grant_type");
    assertOAuthError(
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials"),
            "Authorization",
            Http.basic("revenue-rp", SECRET_A)),
        400,
        "unauthorized_client");
    HttpResponse<String> garbageAuth =
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials"),
            "Authorization",
            "Basic %%%");
    assertNoServerErrorShape(garbageAuth);
    assertThat(garbageAuth.statusCode()).isIn(400, 401);
    HttpResponse<String> badUserinfo = http.get("/userinfo", "Authorization", "Bearer abc.def.ghi");
    assertNoServerErrorShape(badUserinfo);
    assertThat(badUserinfo.statusCode()).isEqualTo(401);
  }

  @Test
  void oddRequestsToEveryEndpointNeverYieldAServerError() {
    Http http = browser();
    List<HttpResponse<String>> responses =
        List.of(
            http.get("/oauth2/token"),
            http.postForm("/oauth2/token", Map.of()),
            http.postForm("/oauth2/token", Map.of("grant_type", "authorization_code")),
            http.postForm("/oauth2/par", Map.of("client_id", "revenue-rp")),
            http.postForm("/oauth2/introspect", Map.of("token", "x")),
            http.postForm("/oauth2/revoke", Map.of("token", "x")),
            http.postForm("/userinfo", Map.of()),
            http.get("/userinfo", "Authorization", "Bearer"),
            http.get("/userinfo", "Authorization", "DPoP abc", "DPoP", "not.a.jwt"),
            http.postForm("/oauth2/jwks", Map.of()),
            http.get(
                "/oauth2/authorize?client_id=revenue-rp&request_uri=urn%3Agarbage",
                "Accept", "text/html"),
            http.get(
                "/oauth2/authorize?client_id=fapi-rp&request_uri="
                    + Http.enc("urn:ietf:params:oauth:request_uri:nope"),
                "Accept",
                "text/html"),
            http.get("/oauth2/authorize", "Accept", "text/html"),
            http.get(
                "/oauth2/authorize?response_type=code&client_id=%00%ff", "Accept", "text/html"),
            http.get("/connect/logout", "Accept", "text/html"),
            http.get("/connect/logout?id_token_hint=garbage", "Accept", "text/html"),
            http.postForm(
                "/oauth2/token",
                Map.of("grant_type", "refresh_token", "refresh_token", "nope"),
                "Authorization",
                Http.basic("revenue-rp", SECRET_A)),
            http.postForm(
                "/oauth2/token",
                Map.of(
                    "grant_type",
                    "authorization_code",
                    "code",
                    "nope",
                    "redirect_uri",
                    CALLBACK,
                    "code_verifier",
                    "x".repeat(50)),
                "Authorization",
                Http.basic("revenue-rp", SECRET_A)),
            http.postForm(
                "/oauth2/token",
                Map.of(
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    "jwt-rp",
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion",
                    "a.b.c")),
            http.postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic("backend", SECRET_BACKEND),
                "DPoP",
                "garbage"));
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode())
          .as("%s %s -> %s", response.request().method(), response.request().uri(), response.body())
          .isLessThan(500);
      assertNoServerErrorShape(response);
    }
  }

  @Test
  void maxAgeForcesAFreshLoginBeforeTheCodeIsIssued() throws Exception {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    authorize(browser, "revenue-rp", "openid profile", pkce, OidcTestConfig.ALICE.toString());
    // within max_age: straight back to the client
    Map<String, String> recent =
        OidcKit.authorizationRequest(
            "revenue-rp", CALLBACK, "openid profile", Pkce.generate(), "s1", "n1");
    recent.put("max_age", "3600");
    assertThat(
            Http.location(
                browser.get("/oauth2/authorize?" + Http.form(recent), "Accept", "text/html")))
        .startsWith(CALLBACK);
    // max_age=0: the citizen logs in again, then the flow completes with a fresh auth_time
    Thread.sleep(1100);
    Pkce fresh = Pkce.generate();
    Map<String, String> strict =
        OidcKit.authorizationRequest("revenue-rp", CALLBACK, "openid profile", fresh, "s2", "n2");
    strict.put("max_age", "0");
    java.time.Instant before = java.time.Instant.now().minusSeconds(1);
    HttpResponse<String> start =
        browser.get("/oauth2/authorize?" + Http.form(strict), "Accept", "text/html");
    OidcKit.assertLoginPage(start);
    Map<String, String> callback =
        OidcKit.browse(
            browser,
            "/login",
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD,
            null);
    HttpResponse<String> tokens =
        exchange(browser, "revenue-rp", SECRET_A, callback.get("code"), fresh.verifier());
    JWTClaimsSet id = OidcKit.verify((String) json(tokens).get("id_token"), jwks());
    assertThat(id.getDateClaim("auth_time").toInstant())
        .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    // prompt=login works the same way
    Map<String, String> promptLogin =
        OidcKit.authorizationRequest(
            "revenue-rp", CALLBACK, "openid profile", Pkce.generate(), "s3", "n3");
    promptLogin.put("prompt", "login");
    HttpResponse<String> relogin =
        browser.get("/oauth2/authorize?" + Http.form(promptLogin), "Accept", "text/html");
    OidcKit.assertLoginPage(relogin);
    assertThat(
            OidcKit.browse(
                browser,
                "/login",
                CALLBACK,
                OidcTestConfig.ALICE.toString(),
                OidcTestConfig.PASSWORD,
                null))
        .containsKey("code");
    HttpResponse<String> malformed =
        browser.get(
            "/oauth2/authorize?"
                + Http.form(
                    Map.of(
                        "client_id",
                        "revenue-rp",
                        "redirect_uri",
                        CALLBACK,
                        "response_type",
                        "code",
                        "scope",
                        "openid",
                        "max_age",
                        "-1")),
            "Accept",
            "text/html");
    assertOAuthError(malformed, 400, "invalid_request");
  }

  @Test
  void oversizedRequestsAreRefusedCleanly() {
    Http http = browser();
    String big = "x".repeat(100_000);
    HttpResponse<String> body =
        http.postForm(
            "/oauth2/token",
            Map.of("grant_type", "client_credentials", "padding", big),
            "Authorization",
            Http.basic("backend", SECRET_BACKEND));
    assertOAuthError(body, 413, "invalid_request");
    HttpResponse<String> query =
        http.get(
            "/oauth2/authorize?client_id=revenue-rp&state=" + "y".repeat(9000),
            "Accept",
            "text/html");
    assertNoServerErrorShape(query);
    assertThat(query.statusCode()).isIn(400, 413, 414, 431);
  }
}
