package ca.idnum.auth.mandate;

import static ca.idnum.auth.oidc.support.OidcKit.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.assurance.TestIdentityProofing;
import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.mfa.Totp;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.mfa.TotpSecret;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.auth.oidc.support.AuditTap;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.server.audit.AuditEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
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
 * Mandates and delegated sessions end to end over real HTTP: a principal gives a mandate (level 2,
 * consent), the mandatary accepts it (level 2) and logs in to a relying body that accepts delegated
 * sessions "on behalf of" the principal; tokens, userinfo and introspection carry the principal's
 * pairwise {@code sub}, an {@code act} naming the mandatary, and the mandatary's level; ending the
 * mandate ends those tokens (introspection inactive, refresh {@code invalid_grant}) and sends a
 * back-channel logout. Subclasses run it on the embedded default and on PostgreSQL + Redis.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "idnum.sessions.backchannel.interval=1h",
      "idnum.sessions.sweep-interval=1h",
      "idnum.sessions.absolute-timeout=12h"
    })
@Import({
  OidcTestConfig.class,
  TestIdentityProofing.Config.class,
  ca.idnum.auth.citizen.testing.CapturingEmailSender.Config.class,
  AbstractMandatesFlowTest.RecordingAudit.class
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMandatesFlowTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String SECRET = "test-secret-of-mandate-rps-0123456789abcdefg";
  static final String DELEGATING = "mandate-rp";
  static final String PLAIN = "mandate-plain-rp";
  static final String ORG_RP = "mandate-org-rp";
  static final String SECTOR = "urn:idnum:sector:mandates-test";
  static final String DOWNSTREAM = "urn:idnum:test:downstream-api";
  static final String PASSWORD = "une phrase de passe assez longue";

  @Autowired ca.idnum.auth.citizen.testing.CapturingEmailSender emails;

  @TestConfiguration(proxyBeanMethods = false)
  @Import(AuditTap.Config.class)
  static class RecordingAudit {
    @Bean
    Recorded recordedMandateAudit() {
      return new Recorded();
    }
  }

  static final class Recorded implements AuditTap {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
      events.add(event);
    }
  }

  @Value("${server.port}")
  int port;

  @Autowired ClientRegistrations registrations;
  @Autowired ClientDelegation delegation;
  @Autowired MutableClock clock;
  @Autowired TestIdentityProofing proofing;
  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired TotpAuthenticators totp;
  @Autowired PairwiseSubjects pairwise;
  @Autowired JdbcMandates store;
  @Autowired Mandates mandates;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired BackChannelLogouts backchannel;
  @Autowired Recorded audit;
  @Autowired ca.idnum.auth.organisation.Organisations organisations;

  String issuer;
  WireMockServer relyingBody;

  @BeforeAll
  void setUp() {
    issuer = "http://localhost:" + port;
    relyingBody = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    relyingBody.start();
    relyingBody.stubFor(post(urlEqualTo("/backchannel")).willReturn(aResponse().withStatus(200)));
    for (String clientId : List.of(DELEGATING, PLAIN, ORG_RP)) {
      if (registrations.find(clientId).isEmpty()) {
        registrations.register(
            new ClientMetadata(
                clientId,
                "Organisme " + clientId,
                SECTOR,
                "client_secret_basic",
                null,
                DELEGATING.equals(clientId)
                    ? List.of(
                        "authorization_code",
                        "refresh_token",
                        "urn:ietf:params:oauth:grant-type:token-exchange")
                    : List.of("authorization_code", "refresh_token"),
                List.of(CALLBACK),
                List.of(),
                "openid profile email phone",
                false,
                "RS256",
                DELEGATING.equals(clientId) ? List.of(DOWNSTREAM) : List.of(),
                300,
                "http://127.0.0.1:" + relyingBody.port() + "/backchannel",
                true),
            Optional.of(SECRET));
      }
    }
    delegation.set(DELEGATING, new ClientDelegation.Setting(true, false));
    delegation.set(ORG_RP, new ClientDelegation.Setting(false, true));
  }

  @AfterAll
  void stop() {
    relyingBody.stop();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  // ------------------------------------------------------------------------------ citizens

  record Person(CitizenId id, String email, TotpSecret secret, String givenName) {}

  /** A citizen of its own: verified identity and TOTP unless said otherwise. */
  Person person(String givenName, boolean levelTwo) {
    String email = "mandate-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ca";
    CitizenAccount account =
        CitizenAccount.newVerified(
            CitizenId.random(),
            EmailAddress.of(email),
            hasher.hash(PASSWORD),
            givenName,
            "Gagnon",
            Optional.of("fr-CA"),
            Instant.now());
    assertThat(accounts.create(account)).isTrue();
    TotpSecret secret = null;
    if (levelTwo) {
      proofing.verify(account.id());
      secret = TotpSecret.generate();
      totp.enrol(account.id(), secret);
    }
    return new Person(account.id(), email, secret, givenName);
  }

  // ------------------------------------------------------------------------------ browser

  /** Where a drive ended: a redirect to the relying body, or a page nobody answered. */
  record Outcome(Map<String, String> callback, String page, List<String> visited) {}

  /**
   * Follows redirects and answers the login, TOTP, "act for" ({@code actFor}: "self", a mandate id,
   * or null when no choice must appear) and consent pages.
   */
  Outcome drive(Http browser, HttpResponse<String> first, Person who, String actFor) {
    HttpResponse<String> response = first;
    List<String> visited = new ArrayList<>();
    for (int step = 0; step < 20; step++) {
      int status = response.statusCode();
      assertThat(status).as("step %s: %s", step, response.body()).isLessThan(500);
      if (status == 302 || status == 303) {
        String location = Http.location(response);
        visited.add(URI.create(browser.uri(location).toString()).getPath());
        if (location.startsWith(CALLBACK)) {
          return new Outcome(Http.query(location), null, visited);
        }
        response = browser.get(location, "Accept", "text/html");
        continue;
      }
      assertThat(status).as("page: %s", response.body()).isEqualTo(200);
      String html = response.body();
      String csrf = html.contains("name=\"_csrf\"") ? Http.inputValue(html, "_csrf") : "";
      if (html.contains("action=\"/login\"")) {
        response =
            browser.postForm(
                "/login",
                Map.of("username", who.email(), "password", PASSWORD, "_csrf", csrf),
                "Accept",
                "text/html");
      } else if (html.contains("action=\"/login/totp\"")) {
        long timeStep = Totp.step(clock.instant());
        if (Long.valueOf(timeStep).equals(totpSteps.put(who.id(), timeStep))) {
          clock.shift(Duration.ofSeconds(31)); // one code per time step
          totpSteps.put(who.id(), Totp.step(clock.instant()));
        }
        String code = Totp.code(who.secret(), Totp.step(clock.instant()));
        response =
            browser.postForm(
                "/login/totp", Map.of("code", code, "_csrf", csrf), "Accept", "text/html");
      } else if (html.contains("action=\"/account/act-for\"")) {
        assertThat(actFor).as("the act-for choice appeared").isNotNull();
        response =
            browser.postForm(
                "/account/act-for", Map.of("choice", actFor, "_csrf", csrf), "Accept", "text/html");
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
        return new Outcome(null, html, visited);
      }
    }
    throw new AssertionError("too many steps");
  }

  /** The last TOTP time step each citizen used (a code is accepted once). */
  final Map<CitizenId, Long> totpSteps = new java.util.concurrent.ConcurrentHashMap<>();

  Outcome open(Http browser, String path, Person who, String actFor) {
    return drive(browser, browser.get(path, "Accept", "text/html"), who, actFor);
  }

  /** A browser signed in at level 2 (password, then TOTP through the mandate form's step-up). */
  Http levelTwo(Person who) {
    Http browser = new Http(issuer);
    Outcome form = open(browser, "/account/mandates/new", who, null);
    assertThat(form.page()).contains("action=\"/account/mandates\"");
    assertThat(form.visited()).contains("/login/step-up");
    return browser;
  }

  /** The principal proposes a mandate through the form; its id. */
  String propose(
      Http principalBrowser,
      Person principal,
      String email,
      String scopes,
      LocalDate from,
      LocalDate to,
      String clients,
      String sectors) {
    String html = open(principalBrowser, "/account/mandates/new", principal, null).page();
    List<String> body = new ArrayList<>();
    body.add("_csrf=" + Http.enc(Http.inputValue(html, "_csrf")));
    body.add("email=" + Http.enc(email));
    for (String c : clients.isBlank() ? new String[0] : clients.split(" ")) {
      body.add("clients=" + Http.enc(c));
    }
    for (String s : sectors.isBlank() ? new String[0] : sectors.split(" ")) {
      body.add("sectors=" + Http.enc(s));
    }
    for (String s : scopes.split(" ")) {
      body.add("scopes=" + Http.enc(s));
    }
    body.add("startsOn=" + from);
    body.add("endsOn=" + to);
    body.add("consent=true");
    HttpResponse<String> response =
        principalBrowser.postBody(
            "/account/mandates", String.join("&", body), "Accept", "text/html");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(Http.location(response)).endsWith("/account/mandates");
    return store.givenBy(principal.id()).get(0).id();
  }

  HttpResponse<String> postAction(Http browser, String path) {
    String html = browser.get("/account", "Accept", "text/html").body();
    return browser.postForm(
        path, Map.of("_csrf", Http.inputValue(html, "_csrf")), "Accept", "text/html");
  }

  /**
   * A mandate from {@code principal} to {@code mandatary}, accepted; the browsers stay at level 2.
   */
  record Given(String id, Http principalBrowser, Http mandataryBrowser) {}

  Given accepted(Person principal, Person mandatary, String scopes, LocalDate from, LocalDate to) {
    Http p = levelTwo(principal);
    String id = propose(p, principal, mandatary.email(), scopes, from, to, DELEGATING, "");
    Http m = levelTwo(mandatary);
    HttpResponse<String> accept = postAction(m, "/account/mandates/" + id + "/accept");
    assertThat(Http.location(accept)).endsWith("/account/mandates");
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(MandateState.ACCEPTED);
    return new Given(id, p, m);
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), Mandates.ZONE);
  }

  // ------------------------------------------------------------------------------ relying party

  record Tokens(Map<String, Object> response, JWTClaimsSet idToken, JWTClaimsSet accessToken) {}

  Outcome authorize(
      Http browser, String clientId, String scope, Person who, String actFor, Pkce pkce) {
    Map<String, String> request =
        OidcKit.authorizationRequest(
            clientId, CALLBACK, scope, pkce, "st-" + OidcKit.random(6), "n1");
    return open(browser, "/oauth2/authorize?" + Http.form(request), who, actFor);
  }

  Tokens tokens(String clientId, String code, Pkce pkce) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", pkce.verifier());
    Http rp = new Http(issuer);
    HttpResponse<String> response =
        rp.postForm("/oauth2/token", form, "Authorization", Http.basic(clientId, SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> body = json(response);
    JWKSet jwks = JWKSet.parse(rp.get("/oauth2/jwks").body());
    return new Tokens(
        body,
        OidcKit.verify((String) body.get("id_token"), jwks),
        OidcKit.verify((String) body.get("access_token"), jwks));
  }

  Map<String, Object> introspect(String clientId, String token) {
    return json(
        new Http(issuer)
            .postForm(
                "/oauth2/introspect",
                Map.of("token", token),
                "Authorization",
                Http.basic(clientId, SECRET)));
  }

  HttpResponse<String> refresh(String clientId, String refreshToken) {
    return new Http(issuer)
        .postForm(
            "/oauth2/token",
            Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
            "Authorization",
            Http.basic(clientId, SECRET));
  }

  String sub(Person who) {
    return pairwise.subject(SECTOR, who.id());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> act(JWTClaimsSet claims) throws Exception {
    return (Map<String, Object>) claims.getJSONObjectClaim("act");
  }

  // ------------------------------------------------------------------------------ tests

  @Test
  void theMandataryLogsInForThePrincipalAndEveryTokenNamesBoth() throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Given mandate = accepted(principal, mandatary, "profile email", today(), today().plusMonths(6));

    Pkce pkce = Pkce.generate();
    Outcome login =
        authorize(
            mandate.mandataryBrowser(),
            DELEGATING,
            "openid profile email phone",
            mandatary,
            mandate.id(),
            pkce);
    assertThat(login.visited()).contains("/account/act-for");
    Tokens tokens = tokens(DELEGATING, login.callback().get("code"), pkce);

    assertThat(tokens.idToken().getSubject()).isEqualTo(sub(principal));
    assertThat(act(tokens.idToken())).isEqualTo(Map.of("sub", sub(mandatary)));
    assertThat(tokens.idToken().getStringClaim("acr")).isEqualTo("urn:idnum:loa:2");
    assertThat(tokens.idToken().getStringListClaim("amr")).contains("pwd", "otp");
    assertThat(tokens.accessToken().getSubject()).isEqualTo(sub(principal));
    assertThat(act(tokens.accessToken())).isEqualTo(Map.of("sub", sub(mandatary)));
    assertThat(tokens.accessToken().getStringClaim("acr")).isEqualTo("urn:idnum:loa:2");
    // scopes narrowed to the mandate's (and openid): phone was asked, not granted
    assertThat(tokens.accessToken().getStringClaim("scope")).isEqualTo("email openid profile");
    assertThat(tokens.response().get("scope").toString().split(" "))
        .containsExactlyInAnyOrder("openid", "profile", "email");

    String accessToken = (String) tokens.response().get("access_token");
    Map<String, Object> userInfo =
        json(new Http(issuer).get("/userinfo", "Authorization", "Bearer " + accessToken));
    assertThat(userInfo).containsEntry("sub", sub(principal)).containsEntry("given_name", "Paule");
    assertThat(userInfo)
        .containsEntry("email", principal.email())
        .doesNotContainKey("phone_number");
    assertThat(userInfo.get("act")).isEqualTo(Map.of("sub", sub(mandatary)));

    Map<String, Object> introspection = introspect(DELEGATING, accessToken);
    assertThat(introspection).containsEntry("active", true).containsEntry("sub", sub(principal));
    assertThat(introspection.get("act")).isEqualTo(Map.of("sub", sub(mandatary)));

    // a refresh keeps the delegation
    HttpResponse<String> refreshed =
        refresh(DELEGATING, (String) tokens.response().get("refresh_token"));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    JWTClaimsSet again =
        SignedJWT.parse((String) json(refreshed).get("access_token")).getJWTClaimsSet();
    assertThat(again.getSubject()).isEqualTo(sub(principal));
    assertThat(act(again)).isEqualTo(Map.of("sub", sub(mandatary)));

    // audited for both, and shown in both access logs
    assertThat(events(AuditTypes.LOGIN_DELEGATED, mandate.id()))
        .extracting(AuditEvent::citizen)
        .containsExactlyInAnyOrder(principal.id().toString(), mandatary.id().toString());
    assertThat(mandate.principalBrowser().get("/account", "Accept", "text/html").body())
        .contains("Marc Gagnon s’est connecté à Organisme mandate-rp en votre nom");
    assertThat(mandate.mandataryBrowser().get("/account", "Accept", "text/html").body())
        .contains("Vous vous êtes connecté à Organisme mandate-rp au nom de Paule Gagnon");
  }

  @Test
  void actingForOneselfGivesTheMandatarysOwnSubjectAndNoAct() throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Given mandate = accepted(principal, mandatary, "profile", today(), today().plusDays(10));
    Pkce pkce = Pkce.generate();
    Outcome login =
        authorize(
            mandate.mandataryBrowser(), DELEGATING, "openid profile", mandatary, "self", pkce);
    assertThat(login.visited()).contains("/account/act-for");
    Tokens tokens = tokens(DELEGATING, login.callback().get("code"), pkce);
    assertThat(tokens.idToken().getSubject()).isEqualTo(sub(mandatary));
    assertThat(tokens.idToken().getClaim("act")).isNull();
    assertThat(tokens.accessToken().getClaim("act")).isNull();
  }

  @Test
  void aClientThatDoesNotAcceptDelegationNeverShowsTheChoice() throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Http p = levelTwo(principal);
    // the mandate names the whole sector, which both clients share
    String id =
        propose(
            p, principal, mandatary.email(), "profile", today(), today().plusDays(10), "", SECTOR);
    Http m = levelTwo(mandatary);
    postAction(m, "/account/mandates/" + id + "/accept");
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(MandateState.ACCEPTED);

    Pkce pkce = Pkce.generate();
    Outcome login = authorize(m, PLAIN, "openid profile", mandatary, null, pkce);
    assertThat(login.visited()).doesNotContain("/account/act-for");
    Tokens tokens = tokens(PLAIN, login.callback().get("code"), pkce);
    assertThat(tokens.idToken().getSubject()).isEqualTo(sub(mandatary));
    assertThat(tokens.idToken().getClaim("act")).isNull();

    // the sector's delegating client does offer it
    Outcome delegated = authorize(m, DELEGATING, "openid profile", mandatary, id, Pkce.generate());
    assertThat(delegated.visited()).contains("/account/act-for");
  }

  @Test
  void endingTheMandateEndsItsTokensAndSendsABackChannelLogout() throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Given mandate = accepted(principal, mandatary, "profile", today(), today().plusDays(30));
    Pkce pkce = Pkce.generate();
    Outcome login =
        authorize(
            mandate.mandataryBrowser(),
            DELEGATING,
            "openid profile",
            mandatary,
            mandate.id(),
            pkce);
    Tokens tokens = tokens(DELEGATING, login.callback().get("code"), pkce);
    String accessToken = (String) tokens.response().get("access_token");
    assertThat(introspect(DELEGATING, accessToken)).containsEntry("active", true);
    relyingBody.resetRequests();

    HttpResponse<String> end =
        postAction(mandate.principalBrowser(), "/account/mandates/" + mandate.id() + "/end");
    assertThat(Http.location(end)).endsWith("/account/mandates");
    assertThat(store.find(mandate.id()).orElseThrow().state()).isEqualTo(MandateState.ENDED);

    assertThat(introspect(DELEGATING, accessToken)).containsEntry("active", false);
    HttpResponse<String> refreshed =
        refresh(DELEGATING, (String) tokens.response().get("refresh_token"));
    assertThat(refreshed.statusCode()).isEqualTo(400);
    assertThat(json(refreshed)).containsEntry("error", "invalid_grant");
    assertThat(
            new Http(issuer)
                .get("/userinfo", "Authorization", "Bearer " + accessToken)
                .statusCode())
        .isEqualTo(401);

    backchannel.deliverDue();
    List<LoggedRequest> logouts = awaitLogouts(1);
    String logoutToken =
        URLDecoder.decode(logouts.get(0).getBodyAsString(), StandardCharsets.UTF_8)
            .substring("logout_token=".length());
    JWTClaimsSet claims = SignedJWT.parse(logoutToken).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(sub(principal));
    assertThat(claims.getStringClaim("sid")).isEqualTo(tokens.idToken().getStringClaim("sid"));

    // the mandatary's own session goes on, without the choice
    Outcome own =
        authorize(
            mandate.mandataryBrowser(),
            DELEGATING,
            "openid profile",
            mandatary,
            null,
            Pkce.generate());
    assertThat(own.callback()).containsKey("code");
    assertThat(own.visited()).doesNotContain("/account/act-for", "/login");

    assertThat(events(AuditTypes.MANDATE_ENDED, mandate.id()))
        .extracting(AuditEvent::citizen)
        .containsExactlyInAnyOrder(principal.id().toString(), mandatary.id().toString());

    // both sides were told, at each step, naming the other person
    assertThat(
            emails
                .await(mandatary.email(), s -> s.matches(".*mandat(e)? (proposé|proposed)"))
                .body())
        .contains("Paule");
    assertThat(
            emails
                .await(principal.email(), s -> s.matches(".*mandat(e)? (accepté|accepted)"))
                .body())
        .contains("Marc");
    for (Person side : List.of(principal, mandatary)) {
      assertThat(emails.await(side.email(), s -> s.matches(".*mandat(e)? (terminé|ended)")).body())
          .contains(side == principal ? "Marc" : "Paule");
    }
  }

  @Test
  void aDelegatedTokenExchangedForADownstreamApiKeepsTheActAndEndsWithTheMandate()
      throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Given mandate = accepted(principal, mandatary, "profile email", today(), today().plusDays(30));
    Pkce pkce = Pkce.generate();
    Outcome login =
        authorize(
            mandate.mandataryBrowser(),
            DELEGATING,
            "openid profile email",
            mandatary,
            mandate.id(),
            pkce);
    Tokens tokens = tokens(DELEGATING, login.callback().get("code"), pkce);

    // the relying body's back end trades the delegated token for one for its downstream API
    HttpResponse<String> exchanged =
        new Http(issuer)
            .postForm(
                "/oauth2/token",
                Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                    "subject_token", (String) tokens.response().get("access_token"),
                    "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                    "audience", DOWNSTREAM,
                    "scope", "profile"),
                "Authorization",
                Http.basic(DELEGATING, SECRET));
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    String downstream = (String) json(exchanged).get("access_token");
    JWTClaimsSet claims = SignedJWT.parse(downstream).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(sub(principal));
    assertThat(claims.getAudience()).containsExactly(DOWNSTREAM);
    assertThat(claims.getStringClaim("scope")).isEqualTo("profile");
    assertThat(act(claims)).isEqualTo(Map.of("sub", sub(mandatary)));
    assertThat(introspect(DELEGATING, downstream)).containsEntry("active", true);

    // the mandate ends: the downstream token ends with it
    postAction(mandate.principalBrowser(), "/account/mandates/" + mandate.id() + "/end");
    assertThat(introspect(DELEGATING, downstream)).containsEntry("active", false);
  }

  @Test
  void refusedNotYetStartedAndExpiredMandatesAreNotOffered() throws Exception {
    Person principal = person("Paule", true);
    Person mandatary = person("Marc", true);
    Http p = levelTwo(principal);
    Http m = levelTwo(mandatary);
    String refused =
        propose(
            p,
            principal,
            mandatary.email(),
            "profile",
            today(),
            today().plusDays(5),
            DELEGATING,
            "");
    postAction(m, "/account/mandates/" + refused + "/refuse");
    assertThat(store.find(refused).orElseThrow().state()).isEqualTo(MandateState.REFUSED);
    String later =
        propose(
            p,
            principal,
            mandatary.email(),
            "profile",
            today().plusDays(3),
            today().plusDays(5),
            DELEGATING,
            "");
    postAction(m, "/account/mandates/" + later + "/accept");
    assertThat(store.find(later).orElseThrow().state()).isEqualTo(MandateState.ACCEPTED);
    String shortOne =
        propose(p, principal, mandatary.email(), "profile", today(), today(), DELEGATING, "");
    postAction(m, "/account/mandates/" + shortOne + "/accept");

    // today only the short one is in force
    Pkce pkce = Pkce.generate();
    Outcome login = authorize(m, DELEGATING, "openid profile", mandatary, shortOne, pkce);
    Tokens tokens = tokens(DELEGATING, login.callback().get("code"), pkce);
    assertThat(tokens.idToken().getSubject()).isEqualTo(sub(principal));

    // its end date passes (the dates are moved back: the stores' lifetimes follow the test clock):
    // the expiry run ends its delegated session (back-channel logout), its refresh token is
    // refused, and nothing is offered any more
    jdbc.sql("UPDATE mandate SET starts_on = ?, ends_on = ? WHERE id = ?")
        .params(today().minusDays(2), today().minusDays(1), shortOne)
        .update();
    relyingBody.resetRequests();
    assertThat(mandates.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(store.find(shortOne).orElseThrow().status(today()))
        .isEqualTo(Mandate.Status.EXPIRED);
    backchannel.deliverDue();
    JWTClaimsSet logout =
        SignedJWT.parse(
                URLDecoder.decode(awaitLogouts(1).get(0).getBodyAsString(), StandardCharsets.UTF_8)
                    .substring("logout_token=".length()))
            .getJWTClaimsSet();
    assertThat(logout.getSubject()).isEqualTo(sub(principal));
    assertThat(events(AuditTypes.MANDATE_ENDED, shortOne)).hasSize(2);
    HttpResponse<String> refreshed =
        refresh(DELEGATING, (String) tokens.response().get("refresh_token"));
    assertThat(refreshed.statusCode()).isEqualTo(400);
    assertThat(json(refreshed)).containsEntry("error", "invalid_grant");
    Http fresh = new Http(issuer);
    Outcome none = authorize(fresh, DELEGATING, "openid profile", mandatary, null, Pkce.generate());
    assertThat(none.visited()).doesNotContain("/account/act-for");
    assertThat(none.callback()).containsKey("code");
  }

  @Test
  void givingOrAcceptingAMandateRequiresLevelTwo() {
    Person unverified = person("Ulysse", false);
    Http browser = new Http(issuer);
    Outcome form = open(browser, "/account/mandates/new", unverified, null);
    assertThat(form.page())
        .contains("Niveau de confiance 2 requis")
        .doesNotContain("action=\"/account/mandates\"");
    HttpResponse<String> post =
        browser.postForm(
            "/account/mandates",
            Map.of(
                "_csrf",
                Http.inputValue(browser.get("/account", "Accept", "text/html").body(), "_csrf"),
                "email",
                "someone@example.ca",
                "clients",
                DELEGATING,
                "scopes",
                "profile",
                "startsOn",
                today().toString(),
                "endsOn",
                today().plusDays(3).toString(),
                "consent",
                "true"),
            "Accept",
            "text/html");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).contains("Niveau de confiance 2 requis");
    assertThat(store.givenBy(unverified.id())).isEmpty();

    // a level-2-capable citizen signed in with the password only is stepped up first
    Person principal = person("Paule", true);
    Http p = levelTwo(principal);
    String id =
        propose(
            p,
            principal,
            unverified.email(),
            "profile",
            today(),
            today().plusDays(3),
            DELEGATING,
            "");
    HttpResponse<String> accept = postAction(browser, "/account/mandates/" + id + "/accept");
    assertThat(accept.statusCode()).isEqualTo(200);
    assertThat(accept.body()).contains("Niveau de confiance 2 requis");
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(MandateState.PROPOSED);

    Person capable = person("Marc", true);
    Http c = new Http(issuer);
    open(c, "/account/mandates", capable, null);
    HttpResponse<String> redirected = postAction(c, "/account/mandates/" + id + "/end");
    assertThat(Http.location(redirected)).endsWith("/login/step-up");
  }

  @Test
  void proposingToAnUnknownAddressLooksTheSameAsToAKnownOne() {
    Person principal = person("Paule", true);
    Person known = person("Marc", true);
    Http p = levelTwo(principal);
    String unknownEmail = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ca";
    String first =
        propose(
            p, principal, unknownEmail, "profile", today(), today().plusDays(3), DELEGATING, "");
    String afterUnknown = p.get("/account/mandates", "Accept", "text/html").body();
    String second =
        propose(
            p, principal, known.email(), "profile", today(), today().plusDays(3), DELEGATING, "");
    String afterKnown = p.get("/account/mandates", "Accept", "text/html").body();
    assertThat(first).isNotEqualTo(second);
    assertThat(comparable(afterKnown, known.email(), unknownEmail))
        .contains("À TYPED")
        .contains("En attente d’acceptation");
    // each page lists the proposals; the newest one reads the same whatever the address
    assertThat(section(afterKnown, known.email())).isEqualTo(section(afterUnknown, unknownEmail));
    assertThat(events(AuditTypes.MANDATE_PROPOSED, first)).hasSize(1);
    assertThat(events(AuditTypes.MANDATE_PROPOSED, second))
        .extracting(AuditEvent::citizen)
        .containsExactlyInAnyOrder(principal.id().toString(), known.id().toString());
  }

  @Test
  void theMandateFormIsValidated() {
    Person principal = person("Paule", true);
    Http p = levelTwo(principal);
    String html = open(p, "/account/mandates/new", principal, null).page();
    HttpResponse<String> response =
        p.postForm(
            "/account/mandates",
            Map.of(
                "_csrf", Http.inputValue(html, "_csrf"),
                "email", principal.email(),
                "startsOn", today().minusDays(1).toString(),
                "endsOn", "not-a-date"),
            "Accept",
            "text/html");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("Vous ne pouvez pas vous désigner vous-même.")
        .contains("Choisissez au moins un organisme ou un secteur.")
        .contains("Choisissez au moins un renseignement.")
        .contains("Entrez une date de début valide")
        .contains("Entrez une date de fin valide")
        .contains("Cochez la case pour donner votre consentement.");
    assertThat(store.givenBy(principal.id())).isEmpty();
  }

  // ------------------------------------------------------------------------------ organisations

  String newNeq() {
    return String.format(
        "%010d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L));
  }

  @Test
  void aRepresentativeActsForTheOrganisationUntilRemoved() throws Exception {
    Person administrator = person("Alix", true);
    Person representative = person("Rémi", true);
    String neq = newNeq();
    var organisation =
        organisations
            .create(
                new ca.idnum.auth.organisation.Neq(neq),
                "Boulangerie Tremblay inc.",
                EmailAddress.of(administrator.email()),
                "test")
            .orElseThrow();

    // the administrator adds the representative (level 2)
    Http admin = levelTwo(administrator);
    String page = admin.get("/account/organisations", "Accept", "text/html").body();
    assertThat(page).contains("Boulangerie Tremblay inc. (NEQ " + neq + ")");
    HttpResponse<String> added =
        admin.postForm(
            "/account/organisations/" + organisation.id() + "/representatives",
            Map.of(
                "_csrf",
                Http.inputValue(page, "_csrf"),
                "email",
                representative.email(),
                "role",
                "REPRESENTATIVE"),
            "Accept",
            "text/html");
    assertThat(Http.location(added)).endsWith("/account/organisations");
    assertThat(admin.get("/account/organisations", "Accept", "text/html").body())
        .contains(representative.email());

    // the representative logs in for the organisation
    Http rep = new Http(issuer);
    Pkce pkce = Pkce.generate();
    Outcome login =
        authorize(
            rep, ORG_RP, "openid profile email", representative, "org:" + organisation.id(), pkce);
    assertThat(login.visited()).contains("/account/act-for");
    Tokens tokens = tokens(ORG_RP, login.callback().get("code"), pkce);
    String orgSub = pairwise.organisationSubject(SECTOR, organisation.id());
    assertThat(orgSub).isNotEqualTo(sub(representative));
    for (JWTClaimsSet claims : List.of(tokens.idToken(), tokens.accessToken())) {
      assertThat(claims.getSubject()).isEqualTo(orgSub);
      assertThat(act(claims)).isEqualTo(Map.of("sub", sub(representative)));
      assertThat(claims.getJSONObjectClaim("idnum_org"))
          .isEqualTo(Map.of("neq", neq, "name", "Boulangerie Tremblay inc."));
    }
    // an organisation has no profile: only openid; the representative's own information stays
    // theirs
    assertThat(tokens.accessToken().getStringClaim("scope")).isEqualTo("openid");
    String accessToken = (String) tokens.response().get("access_token");
    Map<String, Object> userInfo =
        json(new Http(issuer).get("/userinfo", "Authorization", "Bearer " + accessToken));
    assertThat(userInfo).containsEntry("sub", orgSub).doesNotContainKeys("given_name", "email");
    assertThat(userInfo.get("idnum_org"))
        .isEqualTo(Map.of("neq", neq, "name", "Boulangerie Tremblay inc."));
    assertThat(introspect(ORG_RP, accessToken))
        .containsEntry("active", true)
        .containsEntry("sub", orgSub);

    assertThat(rep.get("/account", "Accept", "text/html").body())
        .contains(
            "Vous vous êtes connecté à Organisme mandate-org-rp au nom de Boulangerie Tremblay inc.");

    // a client that accepts mandates only does not offer the organisation
    Outcome elsewhere =
        authorize(rep, DELEGATING, "openid profile", representative, null, Pkce.generate());
    assertThat(elsewhere.visited()).doesNotContain("/account/act-for");

    // removal ends the delegated tokens and notifies the body
    relyingBody.resetRequests();
    String page2 = admin.get("/account/organisations", "Accept", "text/html").body();
    HttpResponse<String> removed =
        admin.postForm(
            "/account/organisations/" + organisation.id() + "/representatives/remove",
            Map.of("_csrf", Http.inputValue(page2, "_csrf"), "email", representative.email()),
            "Accept",
            "text/html");
    assertThat(Http.location(removed)).endsWith("/account/organisations");
    assertThat(introspect(ORG_RP, accessToken)).containsEntry("active", false);
    HttpResponse<String> refreshed =
        refresh(ORG_RP, (String) tokens.response().get("refresh_token"));
    assertThat(refreshed.statusCode()).isEqualTo(400);
    assertThat(json(refreshed)).containsEntry("error", "invalid_grant");
    backchannel.deliverDue();
    JWTClaimsSet logout =
        SignedJWT.parse(
                URLDecoder.decode(awaitLogouts(1).get(0).getBodyAsString(), StandardCharsets.UTF_8)
                    .substring("logout_token=".length()))
            .getJWTClaimsSet();
    assertThat(logout.getSubject()).isEqualTo(orgSub);
    assertThat(
            audit.events.stream()
                .filter(e -> e.type().equals(AuditTypes.ORGANISATION_REPRESENTATIVE_REMOVED))
                .filter(e -> organisation.id().equals(e.details().get("organisation")))
                .map(AuditEvent::citizen))
        .containsExactlyInAnyOrder(administrator.id().toString(), representative.id().toString());
    // and the organisation is offered no more
    Outcome after = authorize(rep, ORG_RP, "openid", representative, null, Pkce.generate());
    assertThat(after.visited()).doesNotContain("/account/act-for");
  }

  @Test
  void onlyAnAdministratorChangesRepresentativesAndTheLastOneStays() {
    Person administrator = person("Alix", true);
    Person representative = person("Rémi", true);
    var organisation =
        organisations
            .create(
                new ca.idnum.auth.organisation.Neq(newNeq()),
                "Ferme Gagnon",
                EmailAddress.of(administrator.email()),
                "test")
            .orElseThrow();
    CitizenAccount adminAccount = accounts.findById(administrator.id()).orElseThrow();
    CitizenAccount repAccount = accounts.findById(representative.id()).orElseThrow();
    assertThat(
            organisations.add(
                adminAccount,
                organisation.id(),
                EmailAddress.of(representative.email()),
                ca.idnum.auth.organisation.Role.REPRESENTATIVE))
        .isEmpty();
    assertThat(
            organisations.add(
                repAccount,
                organisation.id(),
                EmailAddress.of("x@example.ca"),
                ca.idnum.auth.organisation.Role.REPRESENTATIVE))
        .contains(ca.idnum.auth.organisation.Organisations.Refusal.NOT_ADMINISTRATOR);
    assertThat(
            organisations.remove(
                adminAccount, organisation.id(), EmailAddress.of(administrator.email())))
        .contains(ca.idnum.auth.organisation.Organisations.Refusal.LAST_ADMINISTRATOR);
    // an unknown address is added like a known one (no enumeration)
    assertThat(
            organisations.add(
                adminAccount,
                organisation.id(),
                EmailAddress.of(
                    "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "@example.ca"),
                ca.idnum.auth.organisation.Role.REPRESENTATIVE))
        .isEmpty();
    // a representative below level 2 is stepped up before any change
    Http rep = new Http(issuer);
    String page = open(rep, "/account/organisations", representative, null).page();
    assertThat(page).contains("Ferme Gagnon");
    HttpResponse<String> attempt =
        rep.postForm(
            "/account/organisations/" + organisation.id() + "/representatives",
            Map.of(
                "_csrf",
                Http.inputValue(rep.get("/account", "Accept", "text/html").body(), "_csrf"),
                "email",
                "y@example.ca"),
            "Accept",
            "text/html");
    assertThat(Http.location(attempt)).endsWith("/login/step-up");
  }

  // ------------------------------------------------------------------------------ helpers

  List<AuditEvent> events(String type, String mandateId) {
    return audit.events.stream()
        .filter(e -> e.type().equals(type))
        .filter(e -> mandateId.equals(e.details().get("mandate")))
        .toList();
  }

  static String comparable(String body, String... typed) {
    String result =
        body.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\" value=\"TOKEN\"");
    for (String t : typed) {
      result = result.replace(t, "TYPED");
    }
    return result;
  }

  /** The first mandate of the "given" list, with the address replaced and the id removed. */
  static String section(String page, String email) {
    int start = page.indexOf("<li class=\"consent mandate\">");
    int end = page.indexOf("</li>", start);
    return page.substring(start, end)
        .replace(email, "TYPED")
        .replaceAll("/account/mandates/[0-9a-f-]{36}/", "/account/mandates/ID/");
  }

  List<LoggedRequest> awaitLogouts(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      List<LoggedRequest> received =
          relyingBody.findAll(postRequestedFor(urlEqualTo("/backchannel")));
      if (received.size() >= count || Instant.now().isAfter(deadline)) {
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
        return received;
      }
      Thread.sleep(100);
    }
  }
}
