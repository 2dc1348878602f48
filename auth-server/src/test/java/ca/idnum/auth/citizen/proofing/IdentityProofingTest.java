package ca.idnum.auth.citizen.proofing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.AuthServerApplication;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.TestAccounts;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import ca.idnum.server.audit.AuditEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Identity proofing end to end: a logged-in citizen proves their identity on {@code
 * /account/identity} against a register played by WireMock (another organisation's HTTP API); the
 * verified identity is stored with source and date, shown read-only and never asked again, and
 * released to relying bodies as {@code verified_claims} (ID token, userinfo) and to wallet-api as
 * {@code idnum_verified}. Failed matches lock proofing; a register that is down gives a bilingual
 * "try again later" and no partial verification.
 */
@SpringBootTest(
    classes = AuthServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({OidcTestConfig.class, RecordingAuditLog.Config.class})
class IdentityProofingTest {

  private static final String PATH = "/v1/identity-match";
  private static final String CALLBACK = "http://127.0.0.1:8080/cb";
  private static final String RP_SECRET = "test-secret-of-proofing-rp-0123456789abcdef";

  static final WireMockServer REGISTER = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    REGISTER.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    // the lockout test moves the clock a day ahead within one session
    registry.add("idnum.sessions.idle-timeout", () -> "48h");
    registry.add("idnum.sessions.absolute-timeout", () -> "48h");
    Path dir = Files.createTempDirectory("idnum-proofing");
    registry.add("idnum.data-dir", dir::toString);
    int port = FreePort.find();
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.login.throttle.address-max-failures", () -> 10000);
    registry.add("idnum.proofing.register.url", () -> REGISTER.baseUrl() + PATH);
    registry.add("idnum.proofing.register.id", () -> "ramq-test");
    registry.add("idnum.proofing.register.name", () -> "Registre de test de la RAMQ");
    registry.add("idnum.proofing.register.request-timeout", () -> "1s");
    registry.add("idnum.proofing.register.failure-threshold", () -> "1000");
  }

  @AfterAll
  static void stopRegister() {
    REGISTER.stop();
  }

  @Value("${server.port}")
  int port;

  @Autowired CitizenAccountRepository accounts;
  @Autowired PasswordHasher hasher;
  @Autowired VerifiedIdentities identities;
  @Autowired RecordingAuditLog audit;
  @Autowired MutableClock clock;
  @Autowired ClientRegistrations registrations;

  @BeforeEach
  void resetRegister() {
    REGISTER.resetAll();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  // ------------------------------------------------------------------ helpers

  private record Citizen(CitizenAccount account, String email, Browser browser) {}

  private Citizen loggedIn(String prefix) {
    String email = TestAccounts.uniqueEmail(prefix);
    CitizenAccount account = TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    Browser.Page login = TestAccounts.login(browser, email, TestAccounts.PASSWORD);
    assertThat(login.status()).isEqualTo(302);
    return new Citizen(account, email, browser);
  }

  private static String number(int n) {
    return String.format("GAGA9001%04d", n);
  }

  private static void registerMatches(String number, String canonicalGivenName) {
    REGISTER.stubFor(
        post(PATH)
            .withRequestBody(matchingJsonPath("$.document.number", equalTo(number)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"match":true,"txn":"txn-%s","claims":{"given_name":"%s",
                         "family_name":"Gagnon","birthdate":"1990-01-01",
                         "health_insurance_number":"%s"}}"""
                            .formatted(number, canonicalGivenName, number))));
  }

  private static void registerMatchesNobody() {
    REGISTER.stubFor(post(PATH).willReturn(aResponse().withBody("{\"match\":false}")));
  }

  private static Map<String, String> form(String number) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("givenName", "Alex");
    form.put("familyName", "Gagnon");
    form.put("birthdate", "1990-01-01");
    form.put("documentType", "health_insurance_number");
    form.put("documentNumber", number);
    return form;
  }

  private static Browser.Page prove(Citizen citizen, String number) {
    Browser.Page page = citizen.browser().get("/account/identity");
    assertThat(page.status()).isEqualTo(200);
    return citizen.browser().submit("/account/identity", form(number));
  }

  /** The citizen's identity-proofing events (logins and sessions are audited too). */
  private List<String> events(Citizen citizen) {
    return proofingEvents(citizen).stream().map(AuditEvent::type).toList();
  }

  private List<AuditEvent> proofingEvents(Citizen citizen) {
    return audit.of(citizen.account().id().toString()).stream()
        .filter(e -> e.type().startsWith("proofing."))
        .toList();
  }

  // ------------------------------------------------------------------ proofing

  @Test
  void whenTheRegisterMatchesThenTheIdentityIsStoredWithSourceAndDateAndNeverAskedAgain() {
    Citizen citizen = loggedIn("match");
    registerMatches(number(1), "Alexandre");

    Browser.Page form = citizen.browser().get("/account/identity");
    assertThat(form.body())
        .contains("name=\"documentNumber\"")
        .contains("Registre de test de la RAMQ");
    Browser.Page result = citizen.browser().submit("/account/identity", form(number(1)));

    assertThat(result.status()).isEqualTo(302);
    assertThat(result.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account/identity"));
    VerifiedIdentity stored = identities.find(citizen.account().id()).orElseThrow();
    assertThat(stored.givenName()).isEqualTo("Alexandre");
    assertThat(stored.birthdate()).isEqualTo(LocalDate.of(1990, 1, 1));
    assertThat(stored.healthInsuranceNumber()).contains(number(1));
    assertThat(stored.registerId()).isEqualTo("ramq-test");
    assertThat(stored.registerName()).isEqualTo("Registre de test de la RAMQ");
    assertThat(stored.transaction()).contains("txn-" + number(1));
    assertThat(stored.verifiedAt())
        .isCloseTo(clock.instant(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(10)));
    // the account now carries the register's canonical spelling ("tell us once")
    assertThat(accounts.findById(citizen.account().id()).orElseThrow().givenName())
        .isEqualTo("Alexandre");
    assertThat(events(citizen)).containsExactly("proofing.succeeded");

    Browser.Page verified = citizen.browser().follow(result);
    assertThat(verified.body())
        .contains("Alexandre")
        .contains("Registre de test de la RAMQ")
        .contains("datetime=\"1990-01-01\"")
        .doesNotContain("name=\"documentNumber\"")
        .doesNotContain(number(1));
    Browser.Page account = citizen.browser().get("/account");
    assertThat(account.body())
        .contains("Registre de test de la RAMQ")
        .contains("datetime=\"1990-01-01\"");

    // submitting again changes nothing and does not call the register
    Browser.Page again = citizen.browser().submit("/account/identity", form(number(1)));
    assertThat(again.status()).isEqualTo(302);
    REGISTER.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheRegisterFindsNoMatchTooOftenThenProofingIsLockedUntilTheLockoutEnds() {
    Citizen citizen = loggedIn("nomatch");
    registerMatchesNobody();

    Browser.Page first = prove(citizen, number(2));
    assertThat(first.status()).isEqualTo(422);
    assertThat(first.body()).contains("Tentatives restantes : 2");
    Browser.Page second = citizen.browser().submit("/account/identity", form(number(2)));
    assertThat(second.status()).isEqualTo(422);
    assertThat(second.body()).contains("Tentatives restantes : 1");
    Browser.Page third = citizen.browser().submit("/account/identity", form(number(2)));
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.body()).contains("bloquée jusqu’au").doesNotContain("name=\"documentNumber\"");
    assertThat(events(citizen))
        .containsExactly(
            "proofing.failed", "proofing.failed", "proofing.failed", "proofing.locked");

    // while locked, even the right attributes are not sent to the register
    registerMatches(number(3), "Alex");
    Browser.Page locked = citizen.browser().submit("/account/identity", form(number(3)));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(citizen.browser().get("/account/identity").body()).contains("bloquée jusqu’au");
    REGISTER.verify(3, postRequestedFor(urlEqualTo(PATH)));
    assertThat(identities.find(citizen.account().id())).isEmpty();

    clock.shift(Duration.ofHours(24).plusMinutes(1));
    // a day later the session has ended (absolute timeout): the citizen logs in again
    assertThat(
            TestAccounts.login(citizen.browser(), citizen.email(), TestAccounts.PASSWORD).status())
        .isEqualTo(302);
    Browser.Page after = prove(citizen, number(3));
    assertThat(after.status()).isEqualTo(302);
    assertThat(identities.find(citizen.account().id())).isPresent();
  }

  @Test
  void whenTheRegisterIsDownThenTheCitizenIsToldToTryAgainLaterInTheirLanguageAndNothingIsStored() {
    Citizen citizen = loggedIn("down");
    REGISTER.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));

    Browser.Page french = prove(citizen, number(4));
    assertThat(french.status()).isEqualTo(503);
    assertThat(french.header("Retry-After")).contains("60");
    assertThat(french.body())
        .contains("Vérification impossible pour le moment")
        .contains("Réessayez dans quelques minutes")
        .doesNotContain("Exception");
    REGISTER.verify(3, postRequestedFor(urlEqualTo(PATH)));

    citizen.browser().get("/account/identity?lang=en");
    Browser.Page english = citizen.browser().submit("/account/identity", form(number(4)));
    assertThat(english.status()).isEqualTo(503);
    assertThat(english.body())
        .contains("Verification not possible right now")
        .contains("Try again in a few minutes");

    assertThat(identities.find(citizen.account().id())).isEmpty();
    assertThat(accounts.findById(citizen.account().id()).orElseThrow().birthdate()).isEmpty();
    // an outage does not count against the citizen's attempts
    registerMatchesNobody();
    assertThat(citizen.browser().submit("/account/identity", form(number(4))).body())
        .contains("Attempts left: 2");
  }

  @Test
  void whenTheRegisterIsSlowOrAnswersGarbageThenNothingIsVerified() {
    Citizen citizen = loggedIn("slow");
    REGISTER.stubFor(
        post(PATH)
            .withRequestBody(matchingJsonPath("$.document.number", equalTo(number(5))))
            .willReturn(aResponse().withFixedDelay(2_500).withBody("{\"match\":true}")));
    REGISTER.stubFor(
        post(PATH)
            .withRequestBody(matchingJsonPath("$.document.number", equalTo(number(6))))
            .willReturn(aResponse().withBody("<html>maintenance</html>")));

    assertThat(prove(citizen, number(5)).status()).isEqualTo(503);
    assertThat(citizen.browser().submit("/account/identity", form(number(6))).status())
        .isEqualTo(503);
    assertThat(identities.find(citizen.account().id())).isEmpty();
    assertThat(proofingEvents(citizen))
        .extracting(e -> e.details().get("reason"))
        .containsOnly("register_unavailable");
  }

  @Test
  void whenAnotherAccountAlreadyHoldsTheIdentityThenItIsNotLinkedTwice() {
    registerMatches(number(7), "Alex");
    Citizen first = loggedIn("first");
    assertThat(prove(first, number(7)).status()).isEqualTo(302);

    Citizen second = loggedIn("second");
    Browser.Page page = prove(second, number(7));
    assertThat(page.status()).isEqualTo(409);
    assertThat(page.body()).contains("déjà liée à un autre compte");
    assertThat(identities.find(second.account().id())).isEmpty();
  }

  @Test
  void whenTheFormIsIncompleteThenEachErrorIsListedAndTheRegisterIsNotCalled() {
    Citizen citizen = loggedIn("form");
    citizen.browser().get("/account/identity");
    Map<String, String> bad = form("12");
    bad.put("birthdate", "12/04/1985");
    bad.put("givenName", " ");
    Browser.Page page = citizen.browser().submit("/account/identity", bad);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body())
        .contains("href=\"#givenName\"")
        .contains("href=\"#birthdate\"")
        .contains("href=\"#documentNumber\"")
        .contains("aria-invalid=\"true\"");
    REGISTER.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheFormIsPostedWithoutItsCsrfTokenThenItIsRefused() {
    Citizen citizen = loggedIn("csrf");
    registerMatches(number(8), "Alex");
    Browser.Page page = citizen.browser().post("/account/identity", form(number(8)));
    assertThat(page.status()).isEqualTo(403);
    REGISTER.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenNotLoggedInThenTheProofingPageAsksToLogIn() {
    Browser anonymous = new Browser(port);
    Browser.Page page = anonymous.get("/account/identity");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).hasValueSatisfying(l -> assertThat(l).contains("/login"));
  }

  // ------------------------------------------------------------------ accessibility

  /**
   * The "try again later" page and the verified state of the proofing and account pages, in both
   * languages, checked by axe-core like every other page ({@code AccessibilityTest} checks the form
   * and its error state).
   */
  @Test
  void whenTheOutagePageAndTheVerifiedPagesAreCheckedByAxeThenThereIsNoWcagViolation()
      throws Exception {
    Path interop = Path.of(System.getenv().getOrDefault("IDNUM_REPO_ROOT", ".."), "interop");
    String chromium = System.getenv().getOrDefault("IDNUM_CHROMIUM", "/usr/bin/chromium");
    boolean ready =
        Files.isDirectory(interop.resolve("node_modules/axe-core"))
            && Files.isExecutable(Path.of(chromium));
    if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
      org.junit.jupiter.api.Assumptions.assumeTrue(ready, "axe-core or Chromium missing");
    }
    Citizen citizen = loggedIn("a11y");
    registerMatches(number(10), "Alex");
    REGISTER.stubFor(
        post(PATH)
            .withRequestBody(matchingJsonPath("$.document.number", equalTo(number(11))))
            .willReturn(aResponse().withStatus(503)));
    String base = "http://localhost:" + port;
    String fill =
        "{\"birthdate\":\"1990-01-01\",\"documentNumber\":\"%s\"}|"
            + base
            + "/account/identity?lang=";
    List<String> command = new java.util.ArrayList<>(List.of("node", "a11y/axe.mjs"));
    // in order: the "try again later" page (register down), then the verification and the
    // verified pages
    command.add("auth-fill:" + fill.formatted(number(11)) + "fr");
    command.add("auth-fill:" + fill.formatted(number(11)) + "en");
    command.add("auth-fill:" + fill.formatted(number(10)) + "fr");
    command.add("auth:" + base + "/account/identity?lang=en");
    command.add("auth:" + base + "/account?lang=fr");
    command.add("auth:" + base + "/account?lang=en");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(interop.toAbsolutePath().toFile());
    builder.environment().put("IDNUM_CHROMIUM", chromium);
    builder.environment().put("IDNUM_A11Y_EMAIL", citizen.email());
    builder.environment().put("IDNUM_A11Y_PASSWORD", TestAccounts.PASSWORD);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("axe report:\n%s", output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok "))).hasSize(6);
    assertThat(output).contains("lang=en, at /account/identity");
    assertThat(identities.find(citizen.account().id())).isPresent();
    // the outage page was really reached, in both languages (three attempts each)
    REGISTER.verify(
        6,
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(matchingJsonPath("$.document.number", equalTo(number(11)))));
  }

  // ------------------------------------------------------------------ release

  @Test
  @SuppressWarnings("unchecked")
  void whenAVerifiedCitizenLogsInToAPublicBodyThenItReceivesVerifiedClaims() throws Exception {
    registerClient();
    String email = TestAccounts.uniqueEmail("release");
    CitizenAccount account = TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);
    Browser browser = new Browser(port);
    TestAccounts.login(browser, email, TestAccounts.PASSWORD);
    registerMatches(number(9), "Alexandre");
    assertThat(prove(new Citizen(account, email, browser), number(9)).status()).isEqualTo(302);

    Map<String, Object> tokens = tokens(email, "openid idnum.identity idnum:vc:identity");
    JWKSet jwks = JWKSet.parse(new Http("http://localhost:" + port).get("/oauth2/jwks").body());

    JWTClaimsSet id = OidcKit.verify((String) tokens.get("id_token"), jwks);
    Map<String, Object> verified = (Map<String, Object>) id.getClaim("verified_claims");
    assertThat(verified).isNotNull();
    Map<String, Object> verification = (Map<String, Object>) verified.get("verification");
    assertThat(verification).containsEntry("trust_framework", "ca_idnum").containsKey("time");
    Map<String, Object> evidence =
        ((List<Map<String, Object>>) verification.get("evidence")).get(0);
    assertThat(evidence).containsEntry("type", "electronic_record");
    assertThat((Map<String, Object>) evidence.get("record"))
        .containsEntry("type", "population_register")
        .containsEntry("source", Map.of("name", "Registre de test de la RAMQ"));
    assertThat((Map<String, Object>) verified.get("claims"))
        .containsEntry("given_name", "Alexandre")
        .containsEntry("family_name", "Gagnon")
        .containsEntry("birthdate", "1990-01-01")
        .doesNotContainKey("health_insurance_number");

    String accessToken = (String) tokens.get("access_token");
    JWTClaimsSet at = OidcKit.verify(accessToken, jwks);
    assertThat((Map<String, Object>) at.getClaim("idnum_verified"))
        .containsEntry("given_name", "Alexandre")
        .containsEntry("family_name", "Gagnon")
        .containsEntry("birthdate", "1990-01-01")
        .containsEntry("health_insurance_number", number(9))
        .containsEntry("register", "ramq-test")
        .containsKey("verified_at");

    HttpResponse<String> userinfo =
        new Http("http://localhost:" + port)
            .get("/userinfo", "Authorization", "Bearer " + accessToken);
    assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
    Map<String, Object> claims = OidcKit.json(userinfo);
    assertThat((Map<String, Object>) claims.get("verified_claims"))
        .containsEntry("claims", verified.get("claims"));
  }

  @Test
  void whenTheCitizenIsNotVerifiedOrTheScopeNotGrantedThenNoVerifiedClaimsAreReleased()
      throws Exception {
    registerClient();
    String email = TestAccounts.uniqueEmail("unverified");
    TestAccounts.create(accounts, hasher, email, TestAccounts.PASSWORD);

    Map<String, Object> tokens = tokens(email, "openid idnum.identity idnum:vc:identity");
    JWKSet jwks = JWKSet.parse(new Http("http://localhost:" + port).get("/oauth2/jwks").body());
    assertThat(OidcKit.verify((String) tokens.get("id_token"), jwks).getClaim("verified_claims"))
        .isNull();
    assertThat(OidcKit.verify((String) tokens.get("access_token"), jwks).getClaim("idnum_verified"))
        .isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void discoveryAnnouncesVerifiedClaims() {
    Map<String, Object> discovery =
        OidcKit.json(new Http("http://localhost:" + port).get("/.well-known/openid-configuration"));
    assertThat(discovery)
        .containsEntry("verified_claims_supported", true)
        .containsEntry("trust_frameworks_supported", List.of("ca_idnum"))
        .containsEntry("evidence_supported", List.of("electronic_record"))
        .containsEntry(
            "claims_in_verified_claims_supported",
            List.of("given_name", "family_name", "birthdate"));
    assertThat((List<Object>) discovery.get("claims_supported")).contains("verified_claims");
  }

  private void registerClient() {
    if (registrations.find("proofing-rp").isPresent()) {
      return;
    }
    registrations.register(
        new ClientMetadata(
            "proofing-rp",
            "Organisme de test",
            "urn:idnum:sector:proofing",
            "client_secret_basic",
            null,
            List.of("authorization_code", "refresh_token"),
            List.of(CALLBACK),
            List.of(),
            "openid profile idnum.identity idnum:vc:identity",
            false,
            "RS256",
            List.of("urn:idnum:api:proofing-rp"),
            300),
        Optional.of(RP_SECRET));
  }

  private Map<String, Object> tokens(String email, String scope) {
    Http http = new Http("http://localhost:" + port);
    Pkce pkce = Pkce.generate();
    Map<String, String> request =
        OidcKit.authorizationRequest(
            "proofing-rp",
            CALLBACK,
            scope,
            pkce,
            "st-" + OidcKit.random(8),
            "n-" + OidcKit.random(8));
    Map<String, String> callback =
        OidcKit.browse(
            http,
            "/oauth2/authorize?" + Http.form(request),
            CALLBACK,
            email,
            TestAccounts.PASSWORD,
            null);
    Map<String, String> exchange = new LinkedHashMap<>();
    exchange.put("grant_type", "authorization_code");
    exchange.put("code", callback.get("code"));
    exchange.put("redirect_uri", CALLBACK);
    exchange.put("code_verifier", pkce.verifier());
    HttpResponse<String> response =
        http.postForm(
            "/oauth2/token", exchange, "Authorization", Http.basic("proofing-rp", RP_SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return OidcKit.json(response);
  }
}
