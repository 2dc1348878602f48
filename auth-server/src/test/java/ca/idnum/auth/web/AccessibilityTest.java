package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.mfa.Totp;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.mfa.TotpSecret;
import ca.idnum.auth.citizen.proofing.VerifiedIdentities;
import ca.idnum.auth.citizen.proofing.VerifiedIdentity;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.mandate.ClientDelegation;
import ca.idnum.auth.mandate.JdbcMandates;
import ca.idnum.auth.mandate.Mandate;
import ca.idnum.auth.mandate.MandateState;
import ca.idnum.auth.mandate.Mandates;
import ca.idnum.auth.oidc.client.ClientBootstrap;
import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.organisation.Neq;
import ca.idnum.auth.organisation.Organisations;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Every citizen page, in French and in English, checked by axe-core (WCAG 2.1 A and AA rules) in
 * headless Chromium through {@code interop/a11y/axe.mjs}: blank pages, forms in their error state,
 * and the pages behind login (the account page with an authorized public body, its open sessions
 * and an access-log entry; the consent page; the security page, password confirmation, TOTP
 * enrolment, passkey registration, the TOTP step-up page: the demo citizen has a TOTP
 * authenticator). Any violation fails the test. Needs Node, the npm packages of {@code interop/}
 * and Debian's Chromium: without them the test is skipped, except on CI where it fails.
 */
@CitizenWebTest
class AccessibilityTest {

  private static final List<String> PUBLIC_PAGES =
      List.of(
          "/login", "/", "/register", "/register/verify", "/password/forgot", "/password/reset");
  private static final List<String> FORMS =
      List.of("/register", "/register/verify", "/password/forgot", "/password/reset");

  @LocalServerPort int port;
  @Autowired CitizenAccountRepository accounts;
  @Autowired RegisteredClientRepository clients;
  @Autowired OAuth2AuthorizationConsentService consents;
  @Autowired AuditLog auditLog;
  @Autowired ca.idnum.auth.citizen.password.PasswordHasher hasher;
  @Autowired TotpAuthenticators totp;
  @Autowired VerifiedIdentities identities;
  @Autowired ClientRegistrations registrations;
  @Autowired ClientDelegation delegation;
  @Autowired JdbcMandates mandates;
  @Autowired Organisations organisations;

  private static final String A11Y_RP = "a11y-delegating-rp";

  /**
   * The demo citizen already allowed the demo public body to receive the profile, so that the
   * account page lists one authorized body and the consent page shows a previously approved scope
   * beside a new one.
   */
  @BeforeEach
  void demoConsent() {
    CitizenAccount demo =
        accounts.findByEmail(EmailAddress.of(DemoCitizenSeeder.EMAIL)).orElseThrow();
    RegisteredClient demoRp = clients.findByClientId(ClientBootstrap.DEMO_CLIENT_ID);
    consents.save(
        OAuth2AuthorizationConsent.withId(demoRp.getId(), demo.id().toString())
            .scope("openid")
            .scope("profile")
            .build());
    // and logged in there once: the account page shows an access-log entry
    auditLog.record(
        new AuditEvent(
            "token.issued",
            Instant.now(),
            demo.id().toString(),
            ClientBootstrap.DEMO_CLIENT_ID,
            Map.of(
                "grant_type", "authorization_code",
                "level", "urn:idnum:loa:1",
                "claims", "sub given_name family_name")));
  }

  /** An authorization request of the demo public body that leads to its consent page. */
  private static String consentRequest(String lang) {
    return "/oauth2/authorize?response_type=code&client_id="
        + ClientBootstrap.DEMO_CLIENT_ID
        + "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcallback&scope=openid%20profile%20email"
        + "&state=a11y&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256&lang="
        + lang;
  }

  @Test
  void whenEveryPageIsCheckedByAxeInBothLanguagesThenThereIsNoWcagViolation() throws Exception {
    Path interop = interopDir();
    String chromium = chromium();
    String base = "http://localhost:" + port;
    List<String> targets = new ArrayList<>();
    for (String lang : List.of("fr", "en")) {
      for (String page : PUBLIC_PAGES) {
        targets.add(base + page + "?lang=" + lang);
      }
      targets.add(base + "/login?error&lang=" + lang);
      targets.add(base + "/login?expired&lang=" + lang);
      for (String form : FORMS) {
        targets.add("submit:" + base + form + "?lang=" + lang);
      }
      targets.add("auth:" + base + "/account?lang=" + lang);
      // the demo citizen's identity is not verified: giving a mandate explains how to reach level 2
      targets.add("auth:" + base + "/account/mandates/new?lang=" + lang);
      targets.add("auth:" + base + consentRequest(lang));
      targets.add("auth:" + base + "/account/address?lang=" + lang);
      targets.add("auth:" + base + "/account/identity?lang=" + lang);
      targets.add("auth-submit:" + base + "/account/identity?lang=" + lang);
      for (String page :
          List.of(
              "/account/security",
              "/account/security/confirm",
              "/account/security/totp",
              "/account/security/passkey",
              "/login/totp")) {
        targets.add("auth:" + base + page + "?lang=" + lang);
      }
      targets.add("auth:" + base + "/no-such-page?lang=" + lang);
    }
    Path screenshot = Path.of("target", "a11y", "login-fr.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());

    List<String> command =
        new ArrayList<>(List.of("node", "a11y/axe.mjs", "--screenshot=" + screenshot));
    command.addAll(targets);
    ProcessBuilder builder = new ProcessBuilder(command).directory(interop.toFile());
    builder.environment().put("IDNUM_CHROMIUM", chromium);
    builder.environment().put("IDNUM_A11Y_EMAIL", DemoCitizenSeeder.EMAIL);
    builder.environment().put("IDNUM_A11Y_PASSWORD", DemoCitizenSeeder.PASSWORD);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("axe run finished").isTrue();

    assertThat(process.exitValue()).as("axe report:\n%s", output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok "))).hasSize(targets.size());
    assertThat(output.lines().filter(l -> l.contains("at /oauth2/consent,"))).hasSize(2);
    // below level 2 and unable to reach it: the explanation page, not the step-up
    assertThat(output.lines().filter(l -> l.contains("at /account/mandates/new,"))).hasSize(2);
    assertThat(screenshot).exists();
  }

  /**
   * The mandate pages (FR and EN) of a citizen of their own at level 2 (verified identity, TOTP
   * given through the step-up page first): the list with a given and a received mandate, the form
   * blank and in its error state, the organisations page of an administrator, and the "act for"
   * choice of an authorization request.
   */
  @Test
  void whenTheMandatePagesAreCheckedByAxeInBothLanguagesThenThereIsNoWcagViolation()
      throws Exception {
    Path interop = interopDir();
    String chromium = chromium();
    String base = "http://localhost:" + port;
    String email =
        "a11y-mandates-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.ca";
    CitizenAccount citizen =
        ca.idnum.auth.citizen.testing.TestAccounts.create(
            accounts, hasher, email, ca.idnum.auth.citizen.testing.TestAccounts.PASSWORD);
    CitizenAccount principal =
        ca.idnum.auth.citizen.testing.TestAccounts.create(
            accounts,
            hasher,
            "a11y-principal-"
                + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@example.ca",
            ca.idnum.auth.citizen.testing.TestAccounts.PASSWORD);
    TotpSecret secret = TotpSecret.generate();
    totp.enrol(citizen.id(), secret);
    identities.save(
        new VerifiedIdentity(
            citizen.id(),
            citizen.givenName(),
            citizen.familyName(),
            java.time.LocalDate.of(1980, 1, 2),
            Map.of(),
            "a11y",
            "Registre de test",
            "test",
            java.util.Optional.empty(),
            Instant.now()));
    if (registrations.find(A11Y_RP).isEmpty()) {
      registrations.register(
          new ClientMetadata(
              A11Y_RP,
              "Organisme accessible",
              "urn:idnum:sector:a11y",
              "client_secret_basic",
              null,
              List.of("authorization_code"),
              List.of("http://localhost:8080/callback"),
              List.of(),
              "openid profile",
              false,
              "RS256",
              List.of(),
              300),
          java.util.Optional.of("a11y-rp-secret-0123456789abcdefghijklmnop"));
    }
    delegation.set(A11Y_RP, new ClientDelegation.Setting(true, false));
    java.time.LocalDate today = java.time.LocalDate.now(Mandates.ZONE);
    mandates.insert(
        mandate(
            citizen.id(),
            "someone@example.ca",
            java.util.Optional.empty(),
            MandateState.PROPOSED,
            today));
    mandates.insert(
        mandate(
            principal.id(),
            email,
            java.util.Optional.of(citizen.id()),
            MandateState.ACCEPTED,
            today));

    organisations.create(
        new Neq(String.format("%010d", Math.abs(System.nanoTime() % 10_000_000_000L))),
        "Entreprise accessible inc.",
        citizen.email(),
        "a11y");

    List<String> targets = new ArrayList<>();
    String code = Totp.code(secret, Totp.step(Instant.now()));
    targets.add("auth-fill:{\"code\":\"" + code + "\"}|" + base + "/login/totp?lang=fr");
    for (String lang : List.of("fr", "en")) {
      targets.add("auth:" + base + "/account/mandates?lang=" + lang);
      targets.add("auth:" + base + "/account/organisations?lang=" + lang);
      targets.add("auth:" + base + "/account/mandates/new?lang=" + lang);
      targets.add("auth-submit:" + base + "/account/mandates/new?lang=" + lang);
      targets.add(
          "auth:"
              + base
              + "/oauth2/authorize?response_type=code&client_id="
              + A11Y_RP
              + "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcallback&scope=openid%20profile"
              + "&state=a11y&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
              + "&code_challenge_method=S256&lang="
              + lang);
    }
    List<String> command = new ArrayList<>(List.of("node", "a11y/axe.mjs"));
    command.addAll(targets);
    ProcessBuilder builder = new ProcessBuilder(command).directory(interop.toFile());
    builder.environment().put("IDNUM_CHROMIUM", chromium);
    builder.environment().put("IDNUM_A11Y_EMAIL", email);
    builder
        .environment()
        .put("IDNUM_A11Y_PASSWORD", ca.idnum.auth.citizen.testing.TestAccounts.PASSWORD);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("axe run finished").isTrue();
    assertThat(process.exitValue()).as("axe report:\n%s", output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok "))).hasSize(targets.size());
    assertThat(output.lines().filter(l -> l.contains("at /account/act-for,"))).hasSize(2);
    assertThat(output.lines().filter(l -> l.contains("at /account/mandates/new,"))).hasSize(2);
    assertThat(
            output
                .lines()
                .filter(l -> l.contains("auth-submit:") && l.contains("at /account/mandates,")))
        .hasSize(2);
  }

  private static Mandate mandate(
      ca.idnum.auth.citizen.CitizenId principal,
      String mandataryEmail,
      java.util.Optional<ca.idnum.auth.citizen.CitizenId> mandatary,
      MandateState state,
      java.time.LocalDate today) {
    return new Mandate(
        java.util.UUID.randomUUID().toString(),
        principal,
        mandataryEmail,
        mandatary,
        List.of(A11Y_RP),
        List.of(),
        java.util.Set.of("profile"),
        today,
        today.plusMonths(6),
        state,
        Mandates.CONSENT_TEXT_VERSION,
        Instant.now(),
        Instant.now(),
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  private static Path interopDir() {
    String explicit = System.getenv("IDNUM_INTEROP_DIR");
    String root = System.getenv("IDNUM_REPO_ROOT");
    Path dir =
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : Path.of(root == null ? ".." : root, "interop");
    require(
        Files.isDirectory(dir.resolve("node_modules/playwright-core"))
            && Files.isDirectory(dir.resolve("node_modules/axe-core")),
        "interop npm packages not installed in " + dir + " (npm ci in interop/)");
    require(onPath("node"), "node is not installed");
    return dir.toAbsolutePath();
  }

  private static String chromium() {
    String configured = System.getenv("IDNUM_CHROMIUM");
    String path = configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium";
    require(Files.isExecutable(Path.of(path)), "Chromium not found at " + path);
    return path;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static void require(boolean condition, String why) {
    if (condition) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why);
    }
    Assumptions.abort(why);
  }
}
