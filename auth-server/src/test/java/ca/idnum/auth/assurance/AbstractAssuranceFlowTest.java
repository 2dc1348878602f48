package ca.idnum.auth.assurance;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.mfa.Totp;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.mfa.TotpSecret;
import ca.idnum.auth.citizen.mfa.VirtualAuthenticator;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import ca.idnum.server.audit.AuditEvent;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Levels of assurance end to end over real HTTP (embedded default): a relying body asks a level
 * with {@code acr_values}, an essential {@code acr} in {@code claims}, or through the minimum its
 * client is registered with; the citizen is stepped up through only the missing factor (TOTP, or a
 * passkey driven by a software WebAuthn authenticator); the ID token says the level achieved and
 * the RFC 8176 methods; an essential level that cannot be reached ends in {@code
 * unmet_authentication_requirements} at the redirect URI. Subclasses run it on the embedded default
 * and on the production profile (PostgreSQL, Redis sessions and store).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({
  OidcTestConfig.class,
  TestIdentityProofing.Config.class,
  AbstractAssuranceFlowTest.RecordingAudit.class
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAssuranceFlowTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String CLIENT = "loa-rp";
  static final String SECRET = "test-secret-of-loa-rp-0123456789abcdefghijk";
  static final String STRICT_CLIENT = "loa2-rp";
  static final String PASSWORD = "une phrase de passe assez longue";

  /** Keeps the audit events (and still logs nothing secret). */
  @TestConfiguration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Import(ca.idnum.auth.oidc.support.AuditTap.Config.class)
  static class RecordingAudit {
    @Bean
    Recorded recordedAudit() {
      return new Recorded();
    }
  }

  static final class Recorded implements ca.idnum.auth.oidc.support.AuditTap {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
      events.add(event);
    }
  }

  @Value("${server.port}")
  int port;

  @Autowired ClientRegistrations registrations;
  @Autowired ClientMinimumLevels minimums;
  @Autowired MutableClock clock;
  @Autowired TestIdentityProofing proofing;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired TotpAuthenticators totp;
  @Autowired Recorded audit;
  @Autowired ca.idnum.auth.session.JdbcCitizenSessions sessionIndex;
  @Autowired ca.idnum.auth.session.SessionTermination termination;

  String issuer;

  @BeforeAll
  void registerClients() {
    issuer = "http://localhost:" + port;
    for (String clientId : List.of(CLIENT, STRICT_CLIENT)) {
      if (registrations.find(clientId).isEmpty()) {
        registrations.register(
            new ClientMetadata(
                clientId,
                "Organisme " + clientId,
                "urn:idnum:sector:" + clientId,
                "client_secret_basic",
                null,
                List.of("authorization_code", "refresh_token"),
                List.of(CALLBACK),
                List.of(),
                "openid profile",
                false,
                "RS256",
                List.of(),
                300),
            Optional.of(SECRET));
      }
    }
    minimums.set(STRICT_CLIENT, LevelOfAssurance.LOA2);
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  /** A citizen of its own for each test (no shared TOTP steps or passkeys between tests). */
  record Citizen(CitizenId id, String email) {}

  Citizen citizen(boolean verified) {
    String email = "loa-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ca";
    CitizenAccount account =
        CitizenAccount.newVerified(
            CitizenId.random(),
            EmailAddress.of(email),
            hasher.hash(PASSWORD),
            "Alex",
            "Gagnon",
            Optional.of("fr-CA"),
            Instant.now());
    assertThat(accounts.create(account)).isTrue();
    if (verified) {
      proofing.verify(account.id());
    }
    return new Citizen(account.id(), email);
  }

  // ------------------------------------------------------------------------------ browser

  /** Drives the browser through login, step-up and consent; the callback parameters. */
  Map<String, String> browse(
      Http browser, String start, Citizen citizen, TotpSecret secret, VirtualAuthenticator key)
      throws Exception {
    HttpResponse<String> response = browser.get(start, "Accept", "text/html");
    List<String> visited = new ArrayList<>();
    for (int step = 0; step < 15; step++) {
      int status = response.statusCode();
      assertThat(status).as("step %s: %s", step, response.body()).isLessThan(500);
      if (status == 302 || status == 303) {
        String location = Http.location(response);
        visited.add(URI.create(browser.uri(location).toString()).getPath());
        if (location.startsWith(CALLBACK)) {
          Map<String, String> callback = Http.query(location);
          callback.put("visited", String.join(" ", visited));
          return callback;
        }
        response = browser.get(location, "Accept", "text/html");
        continue;
      }
      assertThat(status).as("page: %s", response.body()).isEqualTo(200);
      String html = response.body();
      String csrf = Http.inputValue(html, "_csrf");
      if (html.contains("action=\"/login\"")) {
        response =
            browser.postForm(
                "/login",
                Map.of("username", citizen.email(), "password", PASSWORD, "_csrf", csrf),
                "Accept",
                "text/html");
      } else if (html.contains("action=\"/login/totp\"")) {
        String code = Totp.code(secret, Totp.step(clock.instant()));
        response =
            browser.postForm(
                "/login/totp", Map.of("code", code, "_csrf", csrf), "Accept", "text/html");
      } else if (html.contains("id=\"passkey-form\"")) {
        String options = postJson(browser, "/login/passkey/options", "{}", csrf).body();
        HttpResponse<String> answer =
            postJson(browser, "/login/passkey", "{\"credential\":" + key.get(options) + "}", csrf);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        response = browser.get((String) json(answer).get("redirect"), "Accept", "text/html");
      } else if (html.contains("action=\"/oauth2/authorize\"")) {
        List<String> body = new ArrayList<>();
        body.add("client_id=" + Http.enc(Http.inputValue(html, "client_id")));
        body.add("state=" + Http.enc(Http.inputValue(html, "state")));
        body.add("_csrf=" + Http.enc(csrf));
        for (Map<String, String> input : Http.inputs(html)) {
          if ("scope".equals(input.get("name"))) {
            body.add("scope=" + Http.enc(input.get("value")));
          }
        }
        response =
            browser.postBody("/oauth2/authorize", String.join("&", body), "Accept", "text/html");
      } else {
        throw new AssertionError("unexpected page: " + html);
      }
    }
    throw new AssertionError("too many steps");
  }

  static HttpResponse<String> postJson(Http browser, String path, String body, String csrf) {
    return browser.send(
        HttpRequest.newBuilder(browser.uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-CSRF-TOKEN", csrf)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Logs in and registers a passkey through the security pages (fresh login: no re-prompt). */
  VirtualAuthenticator registerPasskey(Citizen citizen) throws Exception {
    Http browser = new Http(issuer);
    String login = browser.get("/login", "Accept", "text/html").body();
    browser.postForm(
        "/login",
        Map.of(
            "username",
            citizen.email(),
            "password",
            PASSWORD,
            "_csrf",
            Http.inputValue(login, "_csrf")),
        "Accept",
        "text/html");
    HttpResponse<String> page = browser.get("/account/security/passkey", "Accept", "text/html");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).containsPattern("src=\"/js/passkey-[0-9a-f]{32}\\.js\"");
    String csrf = Http.inputValue(page.body(), "_csrf");
    VirtualAuthenticator key = new VirtualAuthenticator(issuer);
    String options = postJson(browser, "/account/security/passkey/options", "{}", csrf).body();
    HttpResponse<String> registered =
        postJson(
            browser,
            "/account/security/passkey",
            "{\"label\":\"Mon téléphone\",\"credential\":" + key.create(options) + "}",
            csrf);
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    return key;
  }

  TotpSecret enrolTotp(Citizen citizen) {
    TotpSecret secret = TotpSecret.generate();
    totp.enrol(citizen.id(), secret);
    return secret;
  }

  static String authorizeUrl(String clientId, Pkce pkce, Map<String, String> extra) {
    Map<String, String> request =
        OidcKit.authorizationRequest(
            clientId, CALLBACK, "openid profile", pkce, "st-" + OidcKit.random(6), "n1");
    request.putAll(extra);
    return "/oauth2/authorize?" + Http.form(request);
  }

  JWTClaimsSet idToken(Http browser, String clientId, String code, Pkce pkce) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", pkce.verifier());
    HttpResponse<String> tokens =
        browser.postForm("/oauth2/token", form, "Authorization", Http.basic(clientId, SECRET));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JWKSet jwks = JWKSet.parse(browser.get("/oauth2/jwks").body());
    return OidcKit.verify((String) json(tokens).get("id_token"), jwks);
  }

  // ------------------------------------------------------------------------------ tests

  @Test
  void discoveryPublishesTheThreeLevelsAndTheClaimsParameter() {
    Map<String, Object> metadata = json(new Http(issuer).get("/.well-known/openid-configuration"));
    assertThat(metadata.get("acr_values_supported"))
        .isEqualTo(List.of("urn:idnum:loa:1", "urn:idnum:loa:2", "urn:idnum:loa:3"));
    assertThat(metadata).containsEntry("claims_parameter_supported", true);
  }

  @Test
  void aLevel1SessionAskedForLevel3IsSteppedUpThroughThePasskeyOnly() throws Exception {
    Citizen citizen = citizen(true);
    VirtualAuthenticator key = registerPasskey(citizen);
    Http browser = new Http(issuer);
    // a level-1 session first
    Pkce first = Pkce.generate();
    Map<String, String> plain =
        browse(browser, authorizeUrl(CLIENT, first, Map.of()), citizen, null, key);
    JWTClaimsSet level1 = idToken(browser, CLIENT, plain.get("code"), first);
    assertThat(level1.getStringClaim("acr")).isEqualTo("urn:idnum:loa:1");
    assertThat(level1.getStringListClaim("amr")).containsExactly("pwd");
    // the same session asked for level 3: the passkey page, not the password again
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        browse(
            browser,
            authorizeUrl(CLIENT, pkce, Map.of("acr_values", "urn:idnum:loa:3")),
            citizen,
            null,
            key);
    assertThat(callback.get("visited")).contains("/login/step-up", "/login/passkey");
    assertThat(callback.get("visited")).doesNotContain("/login ");
    assertThat(callback.get("visited").split(" ")).doesNotContain("/login");
    JWTClaimsSet id = idToken(browser, CLIENT, callback.get("code"), pkce);
    assertThat(id.getStringClaim("acr")).isEqualTo("urn:idnum:loa:3");
    assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "hwk", "mfa");
    assertThat(audit.events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("login.step_up");
              assertThat(e.citizen()).isEqualTo(citizen.id().toString());
              assertThat(e.client()).isEqualTo(CLIENT);
              assertThat(e.details()).containsEntry("requested", "urn:idnum:loa:3");
            });
    assertThat(audit.events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("authenticator.added");
              assertThat(e.details()).containsEntry("type", "passkey");
            });
  }

  @Test
  void anEssentialAcrClaimIsSteppedUpWithTotpAndTheIdTokenSaysLevel2() throws Exception {
    Citizen citizen = citizen(true);
    TotpSecret secret = enrolTotp(citizen);
    Http browser = new Http(issuer);
    Pkce pkce = Pkce.generate();
    String claims =
        "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:idnum:loa:2\"]}}}";
    Map<String, String> callback =
        browse(
            browser, authorizeUrl(CLIENT, pkce, Map.of("claims", claims)), citizen, secret, null);
    assertThat(callback.get("visited")).contains("/login/totp");
    JWTClaimsSet id = idToken(browser, CLIENT, callback.get("code"), pkce);
    assertThat(id.getStringClaim("acr")).isEqualTo("urn:idnum:loa:2");
    assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");

    // the stepped-up session is still the one indexed (the sid the body holds): signing it out
    // from "Mon compte" or by an operator really ends it
    String sid = id.getStringClaim("sid");
    assertThat(sessionIndex.notEnded(citizen.id().toString()))
        .extracting(ca.idnum.auth.session.CitizenSession::sid)
        .containsExactly(sid);
    assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    assertThat(termination.end(sid, ca.idnum.auth.session.SessionEndReason.CITIZEN, null)).isTrue();
    HttpResponse<String> after = browser.get("/account");
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(Http.location(after)).contains("/login");
  }

  @Test
  void aClientWithMinimumLevel2NeverReceivesALevel1IdToken() throws Exception {
    // verified, with TOTP: stepped up even though the client asks for nothing
    Citizen verified = citizen(true);
    TotpSecret secret = enrolTotp(verified);
    Http browser = new Http(issuer);
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        browse(browser, authorizeUrl(STRICT_CLIENT, pkce, Map.of()), verified, secret, null);
    assertThat(idToken(browser, STRICT_CLIENT, callback.get("code"), pkce).getStringClaim("acr"))
        .isEqualTo("urn:idnum:loa:2");
    // asking for level 1 explicitly changes nothing
    Pkce again = Pkce.generate();
    Map<String, String> asked1 =
        browse(
            browser,
            authorizeUrl(STRICT_CLIENT, again, Map.of("acr_values", "urn:idnum:loa:1")),
            verified,
            secret,
            null);
    assertThat(idToken(browser, STRICT_CLIENT, asked1.get("code"), again).getStringClaim("acr"))
        .isEqualTo("urn:idnum:loa:2");
    // a voluntary level 3 it cannot reach does not weaken the essential minimum: level 2
    Citizen other2 = citizen(true);
    TotpSecret secret2 = enrolTotp(other2);
    Http third = new Http(issuer);
    Pkce pkce3 = Pkce.generate();
    Map<String, String> asked3 =
        browse(
            third,
            authorizeUrl(STRICT_CLIENT, pkce3, Map.of("acr_values", "urn:idnum:loa:3")),
            other2,
            secret2,
            null);
    assertThat(asked3.get("visited")).contains("/login/totp");
    assertThat(idToken(third, STRICT_CLIENT, asked3.get("code"), pkce3).getStringClaim("acr"))
        .isEqualTo("urn:idnum:loa:2");
    // identity not verified (TOTP or not): no code at all, an error at the redirect URI
    Citizen unverified = citizen(false);
    TotpSecret other = enrolTotp(unverified);
    Http second = new Http(issuer);
    Map<String, String> refused =
        browse(
            second,
            authorizeUrl(STRICT_CLIENT, Pkce.generate(), Map.of()),
            unverified,
            other,
            null);
    assertThat(refused).doesNotContainKey("code");
    assertThat(refused).containsEntry("error", "unmet_authentication_requirements");
    assertThat(refused).containsEntry("iss", issuer);
    assertThat(refused.get("state")).startsWith("st-");
  }

  @Test
  void anEssentialLevelThatCannotBeMetIsAnUnmetAuthenticationRequirementsError() throws Exception {
    // verified but no passkey: level 3 unreachable
    Citizen citizen = citizen(true);
    TotpSecret secret = enrolTotp(citizen);
    Http browser = new Http(issuer);
    String claims = "{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"urn:idnum:loa:3\"}}}";
    Map<String, String> callback =
        browse(
            browser,
            authorizeUrl(CLIENT, Pkce.generate(), Map.of("claims", claims)),
            citizen,
            secret,
            null);
    assertThat(callback)
        .containsEntry("error", "unmet_authentication_requirements")
        .containsEntry("iss", issuer)
        .doesNotContainKey("code");
    // voluntary acr_values for the same level: the login goes on at the level achieved
    Pkce pkce = Pkce.generate();
    Map<String, String> voluntary =
        browse(
            browser,
            authorizeUrl(CLIENT, pkce, Map.of("acr_values", "urn:idnum:loa:3")),
            citizen,
            secret,
            null);
    assertThat(idToken(browser, CLIENT, voluntary.get("code"), pkce).getStringClaim("acr"))
        .isEqualTo("urn:idnum:loa:1");
    assertThat(audit.events).anyMatch(e -> e.type().equals("login.unmet_requirements"));
  }

  @Test
  void aPasskeyIsListedOnTheSecurityPageAndRemovingItIsAuditedAndNotified() throws Exception {
    Citizen citizen = citizen(true);
    VirtualAuthenticator key = registerPasskey(citizen);
    Http browser = new Http(issuer);
    String login = browser.get("/login", "Accept", "text/html").body();
    browser.postForm(
        "/login",
        Map.of(
            "username",
            citizen.email(),
            "password",
            PASSWORD,
            "_csrf",
            Http.inputValue(login, "_csrf")),
        "Accept",
        "text/html");
    String page = browser.get("/account/security", "Accept", "text/html").body();
    assertThat(page).contains("Mon téléphone").contains(key.credentialId());
    HttpResponse<String> removed =
        browser.postForm(
            "/account/security/passkey/remove",
            Map.of("credential_id", key.credentialId(), "_csrf", Http.inputValue(page, "_csrf")),
            "Accept",
            "text/html");
    assertThat(removed.statusCode()).isEqualTo(302);
    assertThat(browser.get("/account/security", "Accept", "text/html").body())
        .doesNotContain(key.credentialId());
    assertThat(audit.events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("authenticator.removed");
              assertThat(e.citizen()).isEqualTo(citizen.id().toString());
              assertThat(e.details()).containsEntry("type", "passkey");
            });
    // without a passkey, level 3 is now out of reach: an essential request fails
    String claims = "{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"urn:idnum:loa:3\"}}}";
    Map<String, String> callback =
        browse(
            browser,
            authorizeUrl(CLIENT, Pkce.generate(), Map.of("claims", claims)),
            citizen,
            null,
            null);
    assertThat(callback).containsEntry("error", "unmet_authentication_requirements");
  }

  @Test
  void passkeyAnswersThatDoNotMatchTheChallengeOrTheKeyAreRefused() throws Exception {
    Citizen citizen = citizen(true);
    VirtualAuthenticator key = registerPasskey(citizen);
    Http browser = new Http(issuer);
    String login = browser.get("/login", "Accept", "text/html").body();
    browser.postForm(
        "/login",
        Map.of(
            "username",
            citizen.email(),
            "password",
            PASSWORD,
            "_csrf",
            Http.inputValue(login, "_csrf")),
        "Accept",
        "text/html");
    String csrf =
        Http.inputValue(browser.get("/login/passkey", "Accept", "text/html").body(), "_csrf");
    String options = postJson(browser, "/login/passkey/options", "{}", csrf).body();
    String answer = key.get(options);
    // another authenticator (unknown credential) is refused
    VirtualAuthenticator stranger = new VirtualAuthenticator(issuer);
    HttpResponse<String> unknown =
        postJson(browser, "/login/passkey", "{\"credential\":" + stranger.get(options) + "}", csrf);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown)).containsEntry("error", "invalid_request");
    // the challenge was used by that attempt: the genuine answer to it is refused too
    HttpResponse<String> stale =
        postJson(browser, "/login/passkey", "{\"credential\":" + answer + "}", csrf);
    assertThat(stale.statusCode()).isEqualTo(400);
    // a signature over other data is refused
    String fresh = postJson(browser, "/login/passkey/options", "{}", csrf).body();
    String genuine = key.get(fresh);
    Map<String, Object> tampered =
        new LinkedHashMap<>(com.nimbusds.jose.util.JSONObjectUtils.parse(genuine));
    @SuppressWarnings("unchecked")
    Map<String, Object> response = (Map<String, Object>) tampered.get("response");
    response.put("signature", OidcKit.random(70));
    clock.shift(Duration.ofSeconds(31)); // past the progressive delay after two failures
    HttpResponse<String> forged =
        postJson(
            browser,
            "/login/passkey",
            "{\"credential\":"
                + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(tampered)
                + "}",
            csrf);
    assertThat(forged.statusCode()).isEqualTo(400);
    // malformed bodies
    clock.shift(Duration.ofSeconds(31));
    assertThat(postJson(browser, "/login/passkey", "not json", csrf).statusCode()).isEqualTo(400);
    clock.shift(Duration.ofSeconds(31));
    assertThat(postJson(browser, "/login/passkey", "{}", csrf).statusCode()).isEqualTo(400);
    // without the CSRF token
    assertThat(postJson(browser, "/login/passkey/options", "{}", "wrong").statusCode())
        .isEqualTo(403);
    assertThat(audit.events).anyMatch(e -> e.type().equals("login.step_up_failed"));
    // registering needs a fresh password: after 6 minutes the options are refused
    clock.shift(Duration.ofMinutes(6));
    String page = browser.get("/account/security", "Accept", "text/html").body();
    HttpResponse<String> stale2 =
        postJson(
            browser, "/account/security/passkey/options", "{}", Http.inputValue(page, "_csrf"));
    assertThat(stale2.statusCode()).isEqualTo(403);
    assertThat(json(stale2)).containsEntry("error", "access_denied");
  }

  @Test
  void aMalformedClaimsParameterIsAnInvalidRequest() {
    Http browser = new Http(issuer);
    HttpResponse<String> response =
        browser.get(
            authorizeUrl(CLIENT, Pkce.generate(), Map.of("claims", "not json")),
            "Accept",
            "text/html");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_request");
    assertThat(response.body()).doesNotContain("Exception");
  }

  @Test
  void pushedRequestsHonourMaxAgeAndPromptLogin() throws Exception {
    Citizen citizen = citizen(false);
    Http browser = new Http(issuer);
    Pkce pkce = Pkce.generate();
    browse(browser, authorizeUrl(CLIENT, pkce, Map.of()), citizen, null, null);
    // a pushed request with prompt=login: the signed-in citizen logs in again
    Map<String, String> pushed =
        OidcKit.authorizationRequest(
            CLIENT, CALLBACK, "openid profile", Pkce.generate(), "p1", "n");
    pushed.put("prompt", "login");
    HttpResponse<String> par =
        browser.postForm("/oauth2/par", pushed, "Authorization", Http.basic(CLIENT, SECRET));
    assertThat(par.statusCode()).as(par.body()).isEqualTo(201);
    String requestUri = (String) json(par).get("request_uri");
    HttpResponse<String> start =
        browser.get(
            "/oauth2/authorize?client_id=" + CLIENT + "&request_uri=" + Http.enc(requestUri),
            "Accept",
            "text/html");
    OidcKit.assertLoginPage(start);
    // max_age=0 pushed: the same
    clock.shift(Duration.ofSeconds(5));
    Map<String, String> aged =
        OidcKit.authorizationRequest(
            CLIENT, CALLBACK, "openid profile", Pkce.generate(), "p2", "n");
    aged.put("max_age", "0");
    Http other = new Http(issuer);
    browse(other, authorizeUrl(CLIENT, Pkce.generate(), Map.of()), citizen, null, null);
    clock.shift(Duration.ofSeconds(5));
    HttpResponse<String> par2 =
        other.postForm("/oauth2/par", aged, "Authorization", Http.basic(CLIENT, SECRET));
    assertThat(par2.statusCode()).as(par2.body()).isEqualTo(201);
    HttpResponse<String> start2 =
        other.get(
            "/oauth2/authorize?client_id="
                + CLIENT
                + "&request_uri="
                + Http.enc((String) json(par2).get("request_uri")),
            "Accept",
            "text/html");
    OidcKit.assertLoginPage(start2);
    // a malformed max_age is refused at the pushed authorization request endpoint
    Map<String, String> bad =
        OidcKit.authorizationRequest(
            CLIENT, CALLBACK, "openid profile", Pkce.generate(), "p3", "n");
    bad.put("max_age", "soon");
    HttpResponse<String> refused =
        other.postForm("/oauth2/par", bad, "Authorization", Http.basic(CLIENT, SECRET));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused)).containsEntry("error", "invalid_request");
  }
}
