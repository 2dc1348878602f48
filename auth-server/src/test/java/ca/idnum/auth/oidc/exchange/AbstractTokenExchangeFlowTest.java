package ca.idnum.auth.oidc.exchange;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.AuthorizedPublicBodies;
import ca.idnum.auth.citizen.proofing.RecordingAuditLog;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.session.SessionEndReason;
import ca.idnum.auth.session.SessionTermination;
import ca.idnum.server.audit.AuditEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
 * RFC 8693 token exchange over real HTTP: a relying body's back end trades the citizen's access
 * token from the code flow for a narrower one for one downstream API, verified with the JWKS; the
 * actor chain is kept and nested; every refusal has its RFC 8693 §2.2.2 error; the exchanged token
 * dies with its parent authorization. Subclasses run it on the embedded default and on PostgreSQL +
 * Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({OidcTestConfig.class, RecordingAuditLog.Config.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTokenExchangeFlowTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
  static final String TAX_API = "urn:idnum:api:tax";
  static final String RECORDS_API = "https://records.example.org/api";
  static final String SECRET = "test-secret-of-exchange-rp-0123456789abcdef";
  static final String OTHER_SECRET = "test-secret-of-plain-rp-0123456789abcdefgh";

  @Value("${server.port}")
  int port;

  @Autowired ClientRegistrations registrations;
  @Autowired MutableClock clock;
  @Autowired AuthorizedPublicBodies publicBodies;
  @Autowired SessionTermination sessions;
  @Autowired RecordingAuditLog audit;

  String issuer;
  ECKey fapiKey;

  @BeforeAll
  void registerClients() throws Exception {
    issuer = "http://localhost:" + port;
    register(
        "exchange-rp",
        "urn:idnum:sector:exchange",
        SECRET,
        null,
        false,
        List.of("authorization_code", "refresh_token", "client_credentials", TOKEN_EXCHANGE),
        List.of(TAX_API, RECORDS_API));
    register(
        "plain-rp",
        "urn:idnum:sector:plain",
        OTHER_SECRET,
        null,
        false,
        List.of("authorization_code", "refresh_token"),
        List.of("urn:idnum:api:plain"));
    fapiKey = new ECKeyGenerator(Curve.P_256).keyID("fapi-exchange").generate();
    register(
        "fapi-exchange-rp",
        "urn:idnum:sector:fapi-exchange",
        null,
        new JWKSet(fapiKey.toPublicJWK()),
        true,
        List.of("authorization_code", TOKEN_EXCHANGE),
        List.of(TAX_API));
  }

  private void register(
      String clientId,
      String sector,
      String secret,
      JWKSet jwks,
      boolean highAssurance,
      List<String> grants,
      List<String> audience) {
    if (registrations.find(clientId).isPresent()) {
      return;
    }
    registrations.register(
        new ClientMetadata(
            clientId,
            clientId,
            sector,
            jwks == null ? "client_secret_basic" : "private_key_jwt",
            jwks == null ? null : jwks.toJSONObject(true),
            grants,
            List.of(CALLBACK),
            List.of(),
            "openid profile email phone",
            highAssurance,
            "RS256",
            audience,
            300),
        Optional.ofNullable(secret));
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  Http http() {
    return new Http(issuer);
  }

  JWKSet jwks() throws Exception {
    return JWKSet.parse(http().get("/oauth2/jwks").body());
  }

  /** The code flow for {@code clientId}: its token response. */
  Map<String, Object> login(String clientId, String secret, String scope, String citizen) {
    Http browser = http();
    Pkce pkce = Pkce.generate();
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
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", callback.get("code"));
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", pkce.verifier());
    HttpResponse<String> response =
        browser.postForm("/oauth2/token", form, "Authorization", Http.basic(clientId, secret));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  Map<String, Object> aliceAtExchangeRp() {
    return login("exchange-rp", SECRET, "openid profile email", OidcTestConfig.ALICE.toString());
  }

  static Map<String, String> exchangeForm(String subjectToken, String... more) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", TOKEN_EXCHANGE);
    form.put("subject_token", subjectToken);
    form.put("subject_token_type", ACCESS_TOKEN_TYPE);
    for (int i = 0; i + 1 < more.length; i += 2) {
      form.put(more[i], more[i + 1]);
    }
    return form;
  }

  HttpResponse<String> exchange(Map<String, String> form, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = Http.basic("exchange-rp", SECRET);
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http().postForm("/oauth2/token", form, all);
  }

  String exchanged(Map<String, String> form) {
    HttpResponse<String> response = exchange(form);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String) json(response).get("access_token");
  }

  Map<String, Object> introspect(String token) {
    return json(
        http()
            .postForm(
                "/oauth2/introspect",
                Map.of("token", token),
                "Authorization",
                Http.basic("exchange-rp", SECRET)));
  }

  static void assertOAuthError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(json(response)).containsEntry("error", error).containsKey("error_description");
  }

  // ------------------------------------------------------------------ happy paths

  @Test
  @SuppressWarnings("unchecked")
  void discoveryPublishesTheTokenExchangeGrant() {
    for (String path :
        List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
      Map<String, Object> metadata = json(http().get(path));
      assertThat((List<Object>) metadata.get("grant_types_supported")).contains(TOKEN_EXCHANGE);
    }
  }

  @Test
  void exchangeNarrowsAudienceAndScopeAndKeepsSubjectLevelAndAuthTime() throws Exception {
    Map<String, Object> tokens = aliceAtExchangeRp();
    String subjectToken = (String) tokens.get("access_token");
    JWKSet jwks = jwks();
    JWTClaimsSet subject = OidcKit.verify(subjectToken, jwks);

    HttpResponse<String> response =
        exchange(exchangeForm(subjectToken, "audience", TAX_API, "scope", "profile"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    Map<String, Object> body = json(response);
    assertThat(body)
        .containsEntry("issued_token_type", ACCESS_TOKEN_TYPE)
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "profile")
        .doesNotContainKeys("refresh_token", "id_token");
    String token = (String) body.get("access_token");
    assertThat(OidcKit.header(token).getType().getType()).isEqualTo("at+jwt");
    JWTClaimsSet at = OidcKit.verify(token, jwks);
    assertThat(at.getIssuer()).isEqualTo(issuer);
    assertThat(at.getSubject()).isEqualTo(subject.getSubject());
    assertThat(at.getAudience()).containsExactly(TAX_API);
    assertThat(at.getClaim("scope")).isEqualTo("profile");
    assertThat(at.getStringClaim("client_id")).isEqualTo("exchange-rp");
    assertThat(at.getStringClaim("acr")).isEqualTo(subject.getStringClaim("acr"));
    assertThat(at.getDateClaim("auth_time")).isEqualTo(subject.getDateClaim("auth_time"));
    assertThat(at.getClaim("act")).isNull();
    // lifetime: no later than the subject token
    assertThat(at.getExpirationTime()).isBeforeOrEqualTo(subject.getExpirationTime());
    assertThat(at.getJWTID()).isNotEqualTo(subject.getJWTID());

    Map<String, Object> introspection = introspect(token);
    assertThat(introspection)
        .containsEntry("active", true)
        .containsEntry("scope", "profile")
        .containsEntry("client_id", "exchange-rp")
        .containsEntry("sub", subject.getSubject());
    assertThat(introspection.get("aud")).isEqualTo(List.of(TAX_API));

    List<AuditEvent> events =
        audit.of(OidcTestConfig.ALICE.toString()).stream()
            .filter(e -> e.type().equals("token.exchanged"))
            .toList();
    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1).details())
        .containsEntry("audience", TAX_API)
        .containsEntry("scopes", "profile")
        .doesNotContainKey("actors");
    assertThat(events.get(events.size() - 1).client()).isEqualTo("exchange-rp");
  }

  @Test
  void byDefaultTheScopeStaysAndResourceNamesTheTarget() throws Exception {
    String subjectToken = (String) aliceAtExchangeRp().get("access_token");
    String token =
        exchanged(
            exchangeForm(
                subjectToken,
                "resource",
                RECORDS_API,
                "audience",
                RECORDS_API,
                "requested_token_type",
                ACCESS_TOKEN_TYPE));
    JWTClaimsSet at = OidcKit.verify(token, jwks());
    assertThat(at.getAudience()).containsExactly(RECORDS_API);
    assertThat(at.getClaim("scope")).isEqualTo("email openid profile");
  }

  @Test
  void lifetimeEndsWithTheSubjectToken() throws Exception {
    String subjectToken = (String) aliceAtExchangeRp().get("access_token");
    JWKSet jwks = jwks();
    JWTClaimsSet subject = OidcKit.verify(subjectToken, jwks);
    clock.shift(Duration.ofSeconds(200));
    JWTClaimsSet at =
        OidcKit.verify(exchanged(exchangeForm(subjectToken, "audience", TAX_API)), jwks);
    assertThat(at.getExpirationTime()).isEqualTo(subject.getExpirationTime());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anActorTokenAddsTheOutermostActorAndTheChainIsPreservedAndNested() throws Exception {
    JWKSet jwks = jwks();
    String aliceToken = (String) aliceAtExchangeRp().get("access_token");
    String aliceSub = OidcKit.verify(aliceToken, jwks).getSubject();
    String bobToken =
        (String)
            login("exchange-rp", SECRET, "openid profile", OidcTestConfig.BOB.toString())
                .get("access_token");
    String bobSub = OidcKit.verify(bobToken, jwks).getSubject();

    // Bob acts for Alice: a subject token with act, issued through the real endpoint
    String delegated =
        exchanged(
            exchangeForm(
                aliceToken,
                "audience",
                TAX_API,
                "actor_token",
                bobToken,
                "actor_token_type",
                ACCESS_TOKEN_TYPE));
    JWTClaimsSet first = OidcKit.verify(delegated, jwks);
    assertThat(first.getSubject()).isEqualTo(aliceSub);
    assertThat(first.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", bobSub));

    // exchanged again without actor: the act chain survives
    JWTClaimsSet again =
        OidcKit.verify(
            exchanged(exchangeForm(delegated, "audience", RECORDS_API, "scope", "email")), jwks);
    assertThat(again.getSubject()).isEqualTo(aliceSub);
    assertThat(again.getAudience()).containsExactly(RECORDS_API);
    assertThat(again.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", bobSub));

    // a new actor (Alice's own token, say a service acting on): outermost, the previous nested
    String token =
        exchanged(
            exchangeForm(
                delegated,
                "audience",
                RECORDS_API,
                "actor_token",
                aliceToken,
                "actor_token_type",
                ACCESS_TOKEN_TYPE));
    JWTClaimsSet nested = OidcKit.verify(token, jwks);
    Map<String, Object> act = nested.getJSONObjectClaim("act");
    assertThat(act).containsEntry("sub", aliceSub);
    assertThat((Map<String, Object>) act.get("act")).isEqualTo(Map.of("sub", bobSub));

    Map<String, Object> introspection = introspect(token);
    assertThat(introspection).containsEntry("active", true);
    assertThat((Map<String, Object>) introspection.get("act")).containsEntry("sub", aliceSub);

    AuditEvent last =
        audit.of(OidcTestConfig.ALICE.toString()).stream()
            .filter(e -> e.type().equals("token.exchanged"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(last.details())
        .containsEntry("actors", aliceSub + " > " + bobSub)
        .containsEntry("actor", OidcTestConfig.ALICE.toString());
  }

  @Test
  void aDPoPProofBindsTheExchangedTokenAndABoundSubjectNeedsTheSameKey() throws Exception {
    String subjectToken = (String) aliceAtExchangeRp().get("access_token");
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    String tokenUrl = issuer + "/oauth2/token";
    HttpResponse<String> response =
        exchange(
            exchangeForm(subjectToken, "audience", TAX_API),
            "DPoP",
            OidcKit.dpopProof(key, "POST", tokenUrl, null, null));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response)).containsEntry("token_type", "DPoP");
    String bound = (String) json(response).get("access_token");
    JWTClaimsSet at = OidcKit.verify(bound, jwks());
    assertThat(at.getJSONObjectClaim("cnf"))
        .containsEntry("jkt", key.computeThumbprint().toString());

    // the DPoP-bound token as a subject: only with a proof of the same key
    assertOAuthError(exchange(exchangeForm(bound, "audience", RECORDS_API)), 400, "invalid_grant");
    ECKey other = new ECKeyGenerator(Curve.P_256).generate();
    assertOAuthError(
        exchange(
            exchangeForm(bound, "audience", RECORDS_API),
            "DPoP",
            OidcKit.dpopProof(other, "POST", tokenUrl, null, null)),
        400,
        "invalid_grant");
    HttpResponse<String> same =
        exchange(
            exchangeForm(bound, "audience", RECORDS_API),
            "DPoP",
            OidcKit.dpopProof(key, "POST", tokenUrl, null, null));
    assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
  }

  @Test
  void theClientsOwnTokenMayActButIsNeverASubject() throws Exception {
    HttpResponse<String> cc =
        http()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                Http.basic("exchange-rp", SECRET));
    assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
    String own = (String) json(cc).get("access_token");
    assertOAuthError(exchange(exchangeForm(own, "audience", TAX_API)), 400, "invalid_grant");

    String subjectToken = (String) aliceAtExchangeRp().get("access_token");
    String token =
        exchanged(
            exchangeForm(
                subjectToken,
                "audience",
                TAX_API,
                "actor_token",
                own,
                "actor_token_type",
                ACCESS_TOKEN_TYPE));
    JWTClaimsSet at = OidcKit.verify(token, jwks());
    assertThat(at.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", "exchange-rp"));
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void aClientNotRegisteredForTheGrantIsUnauthorized() {
    String token =
        (String)
            login("plain-rp", OTHER_SECRET, "openid profile", OidcTestConfig.ALICE.toString())
                .get("access_token");
    assertOAuthError(
        http()
            .postForm(
                "/oauth2/token",
                exchangeForm(token, "audience", "urn:idnum:api:plain"),
                "Authorization",
                Http.basic("plain-rp", OTHER_SECRET)),
        400,
        "unauthorized_client");
  }

  @Test
  void aHighAssuranceClientNeedsADPoPProofAsAtItsOtherGrants() {
    assertOAuthError(
        http()
            .postForm(
                "/oauth2/token",
                Map.of(
                    "grant_type",
                    TOKEN_EXCHANGE,
                    "subject_token",
                    "x",
                    "subject_token_type",
                    ACCESS_TOKEN_TYPE,
                    "audience",
                    TAX_API,
                    "client_id",
                    "fapi-exchange-rp",
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion",
                    OidcKit.clientAssertion(
                        "fapi-exchange-rp", issuer, fapiKey, JWSAlgorithm.ES256))),
        400,
        "invalid_dpop_proof");
  }

  @Test
  void malformedRequestsAreInvalidRequests() {
    String token = (String) aliceAtExchangeRp().get("access_token");
    Map<String, String> noSubject = exchangeForm(token, "audience", TAX_API);
    noSubject.remove("subject_token");
    assertOAuthError(exchange(noSubject), 400, "invalid_request");
    Map<String, String> idTokenType = exchangeForm(token, "audience", TAX_API);
    idTokenType.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
    assertOAuthError(exchange(idTokenType), 400, "invalid_request");
    Map<String, String> noType = exchangeForm(token, "audience", TAX_API);
    noType.remove("subject_token_type");
    assertOAuthError(exchange(noType), 400, "invalid_request");
    assertOAuthError(
        exchange(
            exchangeForm(
                token,
                "audience",
                TAX_API,
                "requested_token_type",
                "urn:ietf:params:oauth:token-type:refresh_token")),
        400,
        "invalid_request");
    assertOAuthError(exchange(exchangeForm(token)), 400, "invalid_request");
    assertOAuthError(
        exchange(exchangeForm(token, "audience", TAX_API, "actor_token", token)),
        400,
        "invalid_request");
    assertOAuthError(
        http()
            .postBody(
                "/oauth2/token",
                Http.form(exchangeForm(token, "audience", TAX_API)) + "&scope=profile&scope=email",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Authorization",
                Http.basic("exchange-rp", SECRET)),
        400,
        "invalid_request");
  }

  @Test
  void aTargetOutsideTheRegisteredAudiencesIsAnInvalidTarget() {
    String token = (String) aliceAtExchangeRp().get("access_token");
    assertOAuthError(
        exchange(exchangeForm(token, "audience", "urn:idnum:api:elsewhere")),
        400,
        "invalid_target");
    // the client's own default audience is not a downstream API it registered
    assertOAuthError(
        exchange(exchangeForm(token, "audience", "exchange-rp")), 400, "invalid_target");
    assertOAuthError(
        exchange(exchangeForm(token, "audience", TAX_API, "resource", RECORDS_API)),
        400,
        "invalid_target");
    assertOAuthError(
        exchange(exchangeForm(token, "resource", RECORDS_API + "#part")), 400, "invalid_target");
    assertOAuthError(exchange(exchangeForm(token, "resource", "relative")), 400, "invalid_target");
  }

  @Test
  void aScopeBeyondTheSubjectTokensIsAnInvalidScope() {
    String token =
        (String)
            login("exchange-rp", SECRET, "openid profile", OidcTestConfig.ALICE.toString())
                .get("access_token");
    assertOAuthError(
        exchange(exchangeForm(token, "audience", TAX_API, "scope", "profile email")),
        400,
        "invalid_scope");
    assertOAuthError(
        exchange(exchangeForm(token, "audience", TAX_API, "scope", "phone")), 400, "invalid_scope");
  }

  @Test
  void unknownTamperedForeignExpiredAndRevokedSubjectTokensAreInvalidGrants() {
    String token = (String) aliceAtExchangeRp().get("access_token");
    assertOAuthError(
        exchange(exchangeForm("not-a-token", "audience", TAX_API)), 400, "invalid_grant");
    // tampered: one character of the signature changed
    int last = token.length() - 2;
    String tampered =
        token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
    assertOAuthError(exchange(exchangeForm(tampered, "audience", TAX_API)), 400, "invalid_grant");
    // another client's token
    String foreign =
        (String)
            login("plain-rp", OTHER_SECRET, "openid profile", OidcTestConfig.ALICE.toString())
                .get("access_token");
    assertOAuthError(exchange(exchangeForm(foreign, "audience", TAX_API)), 400, "invalid_grant");
    // another client's token as actor
    assertOAuthError(
        exchange(
            exchangeForm(
                token,
                "audience",
                TAX_API,
                "actor_token",
                foreign,
                "actor_token_type",
                ACCESS_TOKEN_TYPE)),
        400,
        "invalid_grant");
    // the refresh token is not an access token
    assertOAuthError(
        exchange(
            exchangeForm((String) aliceAtExchangeRp().get("refresh_token"), "audience", TAX_API)),
        400,
        "invalid_grant");
    // expired
    clock.shift(Duration.ofSeconds(301));
    assertOAuthError(exchange(exchangeForm(token, "audience", TAX_API)), 400, "invalid_grant");
    clock.reset();
    // revoked
    String revoked = (String) aliceAtExchangeRp().get("access_token");
    HttpResponse<String> revocation =
        http()
            .postForm(
                "/oauth2/revoke",
                Map.of("token", revoked),
                "Authorization",
                Http.basic("exchange-rp", SECRET));
    assertThat(revocation.statusCode()).isEqualTo(200);
    assertOAuthError(exchange(exchangeForm(revoked, "audience", TAX_API)), 400, "invalid_grant");
  }

  // ------------------------------------------------------------------ lineage

  @Test
  void revokingTheSubjectTokenDeactivatesWhatWasExchangedFromIt() {
    String subjectToken = (String) aliceAtExchangeRp().get("access_token");
    String token = exchanged(exchangeForm(subjectToken, "audience", TAX_API));
    String grandchild = exchanged(exchangeForm(token, "audience", RECORDS_API));
    assertThat(introspect(grandchild)).containsEntry("active", true);
    http()
        .postForm(
            "/oauth2/revoke",
            Map.of("token", subjectToken),
            "Authorization",
            Http.basic("exchange-rp", SECRET));
    assertThat(introspect(token)).containsEntry("active", false);
    assertThat(introspect(grandchild)).containsEntry("active", false);
  }

  @Test
  void refreshTokenReuseRevokesTheFamilyAndTheExchangedTokens() {
    Map<String, Object> tokens = aliceAtExchangeRp();
    String token =
        exchanged(exchangeForm((String) tokens.get("access_token"), "audience", TAX_API));
    Map<String, String> refresh =
        Map.of(
            "grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token"));
    HttpResponse<String> rotated =
        http()
            .postForm("/oauth2/token", refresh, "Authorization", Http.basic("exchange-rp", SECRET));
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    // a normal refresh leaves the exchanged token alone
    assertThat(introspect(token)).containsEntry("active", true);
    // reuse of the old refresh token revokes the family
    http().postForm("/oauth2/token", refresh, "Authorization", Http.basic("exchange-rp", SECRET));
    assertThat(introspect(token)).containsEntry("active", false);
  }

  @Test
  void withdrawingConsentDeactivatesTheExchangedTokens() {
    Map<String, Object> tokens =
        login("exchange-rp", SECRET, "openid email", OidcTestConfig.BOB.toString());
    String token =
        exchanged(exchangeForm((String) tokens.get("access_token"), "audience", TAX_API));
    assertThat(introspect(token)).containsEntry("active", true);
    assertThat(publicBodies.revoke(OidcTestConfig.BOB, "exchange-rp")).isTrue();
    assertThat(introspect(token)).containsEntry("active", false);
  }

  @Test
  void endingTheCitizenSessionDeactivatesTheExchangedTokens() {
    Map<String, Object> tokens = aliceAtExchangeRp();
    String token =
        exchanged(exchangeForm((String) tokens.get("access_token"), "audience", TAX_API));
    assertThat(introspect(token)).containsEntry("active", true);
    sessions.endAll(OidcTestConfig.ALICE.toString(), SessionEndReason.OPERATOR, "test");
    assertThat(introspect(token)).containsEntry("active", false);
  }
}
