package ca.idnum.auth.session;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.auth.session.backchannel.LogoutTokens;
import ca.idnum.server.audit.AuditQuery;
import ca.idnum.server.audit.AuditRecord;
import ca.idnum.server.audit.AuditTrail;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Issue 5 acceptance: sessions end everywhere. A relying body (WireMock, as another organisation's
 * server) registered a {@code backchannel_logout_uri}; when the citizen's session ends — logout at
 * the body (RP-initiated), the citizen signing it out from the account page, an operator, a timeout
 * — the body receives a logout token whose signature, {@code typ}, {@code iss}, {@code aud}, {@code
 * events}, {@code sid} and {@code sub} are checked, and the refresh token it holds stops working.
 * Subclasses run it on the embedded default and on PostgreSQL + Redis.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "idnum.sessions.backchannel.max-attempts=3",
      "idnum.sessions.backchannel.retry-base=10s",
      "idnum.sessions.backchannel.interval=1h",
      "idnum.sessions.sweep-interval=1h",
      "idnum.sessions.absolute-timeout=12h",
      "idnum.admin.client-secret=" + AbstractSessionLogoutTest.ADMIN_SECRET
    })
@Import(OidcTestConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSessionLogoutTest {

  static final String ADMIN_SECRET = "admin-secret-for-session-tests-0123456789abc";
  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String LOGGED_OUT = "http://127.0.0.1:8080/bye";
  static final String SECRET = "test-secret-of-bcl-rp-0123456789abcdefghijk";
  static final String SECRET_DOWN = "test-secret-of-bcl-down-0123456789abcdefgh";
  static final String SECTOR = "urn:idnum:sector:bcl";

  @Value("${server.port}")
  int port;

  @Autowired ClientRegistrations registrations;
  @Autowired MutableClock clock;
  @Autowired AuditTrail audit;
  @Autowired BackChannelLogouts backchannel;
  @Autowired SessionSweeper sweeper;
  @Autowired org.springframework.context.ApplicationEventPublisher events;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired JdbcCitizenSessions index;

  WireMockServer relyingBody;
  String issuer;

  @BeforeAll
  void start() {
    issuer = "http://localhost:" + port;
    relyingBody = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    relyingBody.start();
    relyingBody.stubFor(post(urlEqualTo("/backchannel")).willReturn(aResponse().withStatus(200)));
    relyingBody.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    register("bcl-rp", SECRET, "http://127.0.0.1:" + relyingBody.port() + "/backchannel");
    register("bcl-down", SECRET_DOWN, "http://127.0.0.1:" + relyingBody.port() + "/down");
  }

  @AfterAll
  void stop() {
    if (relyingBody != null) {
      relyingBody.stop();
    }
  }

  @BeforeEach
  void clearRequests() {
    relyingBody.resetRequests();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private void register(String clientId, String secret, String backchannelUri) {
    if (registrations.find(clientId).isPresent()) {
      return;
    }
    registrations.register(
        new ClientMetadata(
            clientId,
            "Organisme " + clientId,
            SECTOR,
            "client_secret_basic",
            null,
            List.of("authorization_code", "refresh_token"),
            List.of(CALLBACK),
            List.of(LOGGED_OUT),
            "openid profile email",
            false,
            "RS256",
            List.of("urn:idnum:api:" + clientId),
            300,
            backchannelUri,
            true),
        Optional.of(secret));
  }

  Http browser() {
    return new Http(issuer);
  }

  /** Logs Alice in at a relying body (code flow) in {@code browser}; returns the token response. */
  Map<String, Object> loginAt(Http browser, String clientId, String secret) {
    Pkce pkce = Pkce.generate();
    Map<String, String> request =
        OidcKit.authorizationRequest(
            clientId, CALLBACK, "openid profile", pkce, "st-" + OidcKit.random(8), "n-1");
    Map<String, String> callback =
        OidcKit.browse(
            browser,
            "/oauth2/authorize?" + Http.form(request),
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
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
    return OidcKit.json(response);
  }

  JWTClaimsSet idToken(Map<String, Object> tokens) throws Exception {
    return OidcKit.verify((String) tokens.get("id_token"), jwks());
  }

  JWKSet jwks() throws Exception {
    return JWKSet.parse(browser().get("/oauth2/jwks").body());
  }

  HttpResponse<String> refresh(Map<String, Object> tokens, String clientId, String secret) {
    return browser()
        .postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                (String) tokens.get("refresh_token")),
            "Authorization",
            Http.basic(clientId, secret));
  }

  /** Waits for the relying body to receive {@code count} logout requests at {@code path}. */
  List<LoggedRequest> awaitLogouts(String path, int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      List<LoggedRequest> received = relyingBody.findAll(postRequestedFor(urlEqualTo(path)));
      if (received.size() >= count || Instant.now().isAfter(deadline)) {
        assertThat(received).as("logout requests at %s", path).hasSizeGreaterThanOrEqualTo(count);
        return received;
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the background delivery recorded its outcome for the session. */
  void awaitAttempts(String sid, int attempts) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      Integer recorded =
          jdbc.sql("SELECT MAX(attempts) FROM backchannel_logout_delivery WHERE sid = ?")
              .param(sid)
              .query(Integer.class)
              .single();
      if ((recorded != null && recorded >= attempts) || Instant.now().isAfter(deadline)) {
        assertThat(recorded).isEqualTo(attempts);
        return;
      }
      Thread.sleep(50);
    }
  }

  /** Checks a received logout token against the ID token of the session it ends. */
  void assertLogoutToken(LoggedRequest request, JWTClaimsSet idToken, String clientId)
      throws Exception {
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    String body = request.getBodyAsString();
    assertThat(body).startsWith("logout_token=");
    String token =
        URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8);
    assertThat(OidcKit.header(token).getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
    JWTClaimsSet claims = OidcKit.verify(token, jwks());
    assertThat(claims.getIssuer()).isEqualTo(issuer);
    assertThat(claims.getAudience()).containsExactly(clientId);
    assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(LogoutTokens.EVENT);
    assertThat(claims.getStringClaim("sid")).isNotBlank().isEqualTo(idToken.getStringClaim("sid"));
    assertThat(claims.getSubject()).isEqualTo(idToken.getSubject());
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getIssueTime()).isNotNull();
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    assertThat(claims.getClaim("nonce")).isNull();
  }

  List<AuditRecord> auditOf(String type) {
    return audit
        .search(
            new AuditQuery(
                Optional.of(OidcTestConfig.ALICE.toString()),
                Optional.empty(),
                Optional.of(type),
                Optional.empty(),
                Optional.empty(),
                0,
                50))
        .records();
  }

  @Test
  void discoveryAdvertisesBackChannelLogout() {
    Map<String, Object> metadata = OidcKit.json(browser().get("/.well-known/openid-configuration"));
    assertThat(metadata)
        .containsEntry("backchannel_logout_supported", true)
        .containsEntry("backchannel_logout_session_supported", true);
  }

  @Test
  void logoutAtTheRelyingBodySendsASignedLogoutTokenAndKillsTheRefreshToken() throws Exception {
    Http browser = browser();
    Map<String, Object> tokens = loginAt(browser, "bcl-rp", SECRET);
    JWTClaimsSet id = idToken(tokens);

    HttpResponse<String> logout =
        browser.get(
            "/connect/logout?id_token_hint="
                + Http.enc((String) tokens.get("id_token"))
                + "&post_logout_redirect_uri="
                + Http.enc(LOGGED_OUT),
            "Accept",
            "text/html");
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);

    List<LoggedRequest> received = awaitLogouts("/backchannel", 1);
    assertThat(received).hasSize(1);
    assertLogoutToken(received.get(0), id, "bcl-rp");
    HttpResponse<String> refreshed = refresh(tokens, "bcl-rp", SECRET);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
    assertThat(OidcKit.json(refreshed)).containsEntry("error", "invalid_grant");
    String sid = id.getStringClaim("sid");
    assertThat(auditOf("logout")).anyMatch(r -> sid.equals(r.details().get("sid")));
    assertThat(auditOf("token.issued"))
        .anyMatch(
            r ->
                "bcl-rp".equals(r.client())
                    && r.details().get("claims").contains("given_name")
                    && "urn:idnum:loa:1".equals(r.details().get("level")));
  }

  @Test
  void citizenSigningASessionOutFromTheAccountPageEndsItForTheRelyingBodies() throws Exception {
    Http elsewhere = browser();
    Map<String, Object> tokens = loginAt(elsewhere, "bcl-rp", SECRET);
    JWTClaimsSet id = idToken(tokens);
    String sid = id.getStringClaim("sid");

    // the citizen, on another device, opens the account page
    Http here = browser();
    HttpResponse<String> login = here.get("/login", "Accept", "text/html");
    HttpResponse<String> loggedIn =
        here.postForm(
            "/login",
            Map.of(
                "username", OidcTestConfig.loginName(OidcTestConfig.ALICE.toString()),
                "password", OidcTestConfig.PASSWORD,
                "_csrf", Http.inputValue(login.body(), "_csrf")),
            "Accept",
            "text/html");
    assertThat(loggedIn.statusCode()).isEqualTo(302);
    HttpResponse<String> account = here.get("/account", "Accept", "text/html");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body())
        .contains("Sessions ouvertes")
        .contains("(cet appareil)")
        .contains("Journal des accès")
        .contains("Organisme bcl-rp");
    assertThat(Http.inputs(account.body()))
        .anyMatch(i -> "sid".equals(i.get("name")) && sid.equals(i.get("value")));

    HttpResponse<String> revoked =
        here.postForm(
            "/account/sessions/revoke",
            Map.of("sid", sid, "_csrf", Http.inputValue(account.body(), "_csrf")),
            "Accept",
            "text/html");
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(Http.location(revoked)).endsWith("/account");

    List<LoggedRequest> received = awaitLogouts("/backchannel", 1);
    assertLogoutToken(received.get(0), id, "bcl-rp");
    assertThat(refresh(tokens, "bcl-rp", SECRET).statusCode()).isEqualTo(400);
    // the signed-out browser is logged out; this one is not
    HttpResponse<String> gone = elsewhere.get("/account", "Accept", "text/html");
    assertThat(gone.statusCode()).isEqualTo(302);
    assertThat(Http.location(gone)).contains("/login");
    HttpResponse<String> still = here.get("/account", "Accept", "text/html");
    assertThat(still.statusCode()).isEqualTo(200);
    assertThat(still.body()).contains("La session a été déconnectée.");
    assertThat(Http.inputs(still.body()))
        .noneMatch(i -> "sid".equals(i.get("name")) && sid.equals(i.get("value")));
    assertThat(auditOf("session.revoked"))
        .anyMatch(
            r -> sid.equals(r.details().get("sid")) && "citizen".equals(r.details().get("reason")));
  }

  @Test
  void aCitizenCannotSignOutAnotherCitizensSession() throws Exception {
    Map<String, Object> tokens = loginAt(browser(), "bcl-rp", SECRET);
    String sid = idToken(tokens).getStringClaim("sid");
    Http bob = browser();
    HttpResponse<String> login = bob.get("/login", "Accept", "text/html");
    bob.postForm(
        "/login",
        Map.of(
            "username", OidcTestConfig.loginName(OidcTestConfig.BOB.toString()),
            "password", OidcTestConfig.PASSWORD,
            "_csrf", Http.inputValue(login.body(), "_csrf")),
        "Accept",
        "text/html");
    HttpResponse<String> account = bob.get("/account", "Accept", "text/html");
    HttpResponse<String> attempt =
        bob.postForm(
            "/account/sessions/revoke",
            Map.of("sid", sid, "_csrf", Http.inputValue(account.body(), "_csrf")),
            "Accept",
            "text/html");
    assertThat(attempt.statusCode()).isEqualTo(302);
    assertThat(refresh(tokens, "bcl-rp", SECRET).statusCode()).isEqualTo(200);
    // without the page's CSRF token nothing happens either
    HttpResponse<String> forged =
        bob.postForm("/account/sessions/revoke", Map.of("sid", sid), "Accept", "text/html");
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  @Test
  void anOperatorRevokesASessionThroughTheAdminApi() throws Exception {
    Map<String, Object> tokens = loginAt(browser(), "bcl-rp", SECRET);
    JWTClaimsSet id = idToken(tokens);
    String admin = adminToken();
    HttpResponse<String> listed =
        browser()
            .get(
                "/admin/sessions?citizen=" + OidcTestConfig.ALICE,
                "Authorization",
                "Bearer " + admin);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains(id.getStringClaim("sid"));

    HttpResponse<String> deleted =
        browser()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        browser().uri("/admin/sessions/" + id.getStringClaim("sid")))
                    .DELETE()
                    .header("Authorization", "Bearer " + admin)
                    .build());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertLogoutToken(awaitLogouts("/backchannel", 1).get(0), id, "bcl-rp");
    HttpResponse<String> again =
        browser()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        browser().uri("/admin/sessions/" + id.getStringClaim("sid")))
                    .DELETE()
                    .header("Authorization", "Bearer " + admin)
                    .build());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(OidcKit.json(again)).containsEntry("error", "invalid_request");
    assertThat(auditOf("session.revoked"))
        .anyMatch(
            r -> "idnum-admin".equals(r.client()) && "operator".equals(r.details().get("reason")));
    HttpResponse<String> missing =
        browser().get("/admin/sessions", "Authorization", "Bearer " + admin);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(OidcKit.json(missing)).containsEntry("error", "invalid_request");
    HttpResponse<String> anonymous = browser().get("/admin/sessions?citizen=x");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void whenTheCitizensCredentialsChangeEverySessionEnds() throws Exception {
    Map<String, Object> tokens = loginAt(browser(), "bcl-rp", SECRET);
    JWTClaimsSet id = idToken(tokens);
    String sid = id.getStringClaim("sid");
    events.publishEvent(
        new ca.idnum.auth.citizen.CredentialsChanged(
            OidcTestConfig.ALICE, "password_reset", clock.instant()));
    assertLogoutToken(awaitLogouts("/backchannel", 1).get(0), id, "bcl-rp");
    assertThat(refresh(tokens, "bcl-rp", SECRET).statusCode()).isEqualTo(400);
    assertThat(auditOf("session.revoked"))
        .anyMatch(
            r ->
                sid.equals(r.details().get("sid"))
                    && "credentials_changed".equals(r.details().get("reason")));
  }

  @Test
  void aTimedOutSessionIsEndedByTheSweeperAndTheBodyIsTold() throws Exception {
    Http browser = browser();
    Map<String, Object> tokens = loginAt(browser, "bcl-rp", SECRET);
    JWTClaimsSet id = idToken(tokens);
    clock.shift(Duration.ofHours(13));
    assertThat(sweeper.endTimedOut()).isGreaterThanOrEqualTo(1);
    assertLogoutToken(awaitLogouts("/backchannel", 1).get(0), id, "bcl-rp");
    String sid = id.getStringClaim("sid");
    assertThat(auditOf("session.expired")).anyMatch(r -> sid.equals(r.details().get("sid")));
    HttpResponse<String> page = browser.get("/account", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(302);
  }

  @Test
  void aBodyThatKeepsFailingIsRetriedWithBackoffThenKeptAsADeadLetter() throws Exception {
    Http browser = browser();
    Map<String, Object> tokens = loginAt(browser, "bcl-down", SECRET_DOWN);
    String sid = idToken(tokens).getStringClaim("sid");
    browser.get(
        "/connect/logout?id_token_hint=" + Http.enc((String) tokens.get("id_token")),
        "Accept",
        "text/html");
    awaitLogouts("/down", 1);
    awaitAttempts(sid, 1);
    // not yet due: nothing is sent
    assertThat(backchannel.deliverDue()).isZero();
    assertThat(relyingBody.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(1);
    clock.shift(Duration.ofSeconds(11));
    backchannel.deliverDue();
    assertThat(relyingBody.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(2);
    clock.shift(Duration.ofSeconds(21));
    backchannel.deliverDue();
    assertThat(relyingBody.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(3);
    clock.shift(Duration.ofMinutes(10));
    backchannel.deliverDue();
    assertThat(relyingBody.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(3);
    assertThat(backchannel.deadLetters(10))
        .anyMatch(d -> d.sid().equals(sid) && d.attempts() == 3 && d.clientId().equals("bcl-down"));
    clock.reset();
    HttpResponse<String> listed =
        browser()
            .get(
                "/admin/backchannel-logout/dead-letters",
                "Authorization",
                "Bearer " + adminToken());
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(sid).contains("HTTP 503");
    assertThat(
            audit
                .search(
                    new AuditQuery(
                        Optional.empty(),
                        Optional.of("bcl-down"),
                        Optional.of("backchannel-logout.failed"),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        10))
                .records())
        .isNotEmpty();
  }

  @Test
  void aSessionIsIndexedOnceWhateverTheNumberOfInserts() {
    String sessionId = java.util.UUID.randomUUID().toString();
    String citizen = OidcTestConfig.ALICE.toString();
    assertThat(
            index.insert(sessionId, citizen, "Firefox, Linux", Optional.empty(), clock.instant()))
        .isTrue();
    assertThat(
            index.insert(
                sessionId, citizen, "Chrome, Android", Optional.of("10.0.0.0/24"), clock.instant()))
        .isFalse();
    assertThat(index.find(JdbcCitizenSessions.sid(sessionId)))
        .hasValueSatisfying(s -> assertThat(s.device()).isEqualTo("Firefox, Linux"));
    assertThat(index.sessionId(JdbcCitizenSessions.sid(sessionId))).contains(sessionId);
  }

  @Test
  void backChannelLogoutIsClientMetadataOfTheAdminApi() {
    String admin = adminToken();
    HttpResponse<String> read =
        browser().get("/admin/clients/bcl-rp", "Authorization", "Bearer " + admin);
    assertThat(read.statusCode()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> client = (Map<String, Object>) OidcKit.json(read).get("client");
    assertThat(client)
        .containsEntry(
            "backchannel_logout_uri", "http://127.0.0.1:" + relyingBody.port() + "/backchannel")
        .containsEntry("backchannel_logout_session_required", true);
    for (String uri :
        List.of("http://rp.example/logout", "https://rp.example/logout#frag", "not a uri", "/x")) {
      HttpResponse<String> refused =
          browser()
              .send(
                  java.net.http.HttpRequest.newBuilder(browser().uri("/admin/clients"))
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              "{\"client_id\":\"bcl-bad\",\"client_name\":\"Bad\","
                                  + "\"sector_identifier\":\"urn:idnum:sector:bad\","
                                  + "\"redirect_uris\":[\"https://rp.example/cb\"],"
                                  + "\"scope\":\"openid\",\"backchannel_logout_uri\":\""
                                  + uri
                                  + "\"}"))
                      .header("Authorization", "Bearer " + admin)
                      .header("Content-Type", "application/json")
                      .build());
      assertThat(refused.statusCode()).as(uri).isEqualTo(400);
      assertThat(OidcKit.json(refused)).containsEntry("error", "invalid_client_metadata");
    }
    HttpResponse<String> docs = browser().get("/admin/api-docs");
    assertThat(docs.body())
        .contains("/admin/sessions/{sid}")
        .contains("/admin/backchannel-logout/dead-letters")
        .contains("/admin/audit/verify")
        .contains("backchannel_logout_uri");
  }

  String adminToken() {
    HttpResponse<String> response =
        browser()
            .postForm(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "idnum:admin"),
                "Authorization",
                Http.basic("idnum-admin", ADMIN_SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String) OidcKit.json(response).get("access_token");
  }
}
