package ca.idnum.auth.oidc.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.Http;
import ca.idnum.auth.oidc.support.OidcKit;
import ca.idnum.auth.oidc.support.OidcKit.Pkce;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Consents on the citizen's account page over real HTTP: a consent given on the consent page is
 * listed with the public body's name, sector, the information shared and the date; revoking it
 * (POST with CSRF) makes the next authorization request show the consent page again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountConsentsTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String SECRET = "test-secret-of-library-rp-0123456789abcdef";
  static int port;

  @Autowired ClientRegistrations registrations;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-account-consents");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
  }

  @BeforeAll
  void registerClients() {
    register("library-rp", "Bibliothèque nationale", "urn:idnum:sector:culture");
    register("museum-rp", "Musée national", "urn:idnum:sector:museum");
  }

  private void register(String clientId, String name, String sector) {
    if (registrations.find(clientId).isEmpty()) {
      registrations.register(
          new ClientMetadata(
              clientId,
              name,
              sector,
              "client_secret_basic",
              null,
              List.of("authorization_code", "refresh_token"),
              List.of(CALLBACK),
              List.of(),
              "openid profile email",
              false,
              "RS256",
              List.of(),
              300),
          Optional.of(SECRET));
    }
  }

  Http browser() {
    return new Http("http://localhost:" + port);
  }

  String authorizationPath(String clientId) {
    return "/oauth2/authorize?"
        + Http.form(
            OidcKit.authorizationRequest(
                clientId,
                CALLBACK,
                "openid email",
                Pkce.generate(),
                "st-" + OidcKit.random(8),
                "n-" + OidcKit.random(8)));
  }

  /** Follows redirects inside this server; returns the last response (a page or the callback). */
  HttpResponse<String> follow(Http browser, String path) {
    HttpResponse<String> response = browser.get(path, "Accept", "text/html");
    for (int i = 0; i < 5 && response.statusCode() == 302; i++) {
      String location = Http.location(response);
      if (location.startsWith(CALLBACK)) {
        return response;
      }
      response = browser.get(location, "Accept", "text/html");
    }
    return response;
  }

  static boolean isConsentPage(HttpResponse<String> response) {
    return response.statusCode() == 200
        && response.body().contains("action=\"/oauth2/authorize\"")
        && response.body().contains("name=\"scope\"");
  }

  HttpResponse<String> revoke(Http browser, String clientId, String csrf) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId);
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    return browser.postForm("/account/consents/revoke", form, "Accept", "text/html");
  }

  Http loggedIn(String citizen) {
    Http browser = browser();
    HttpResponse<String> login = browser.get("/login", "Accept", "text/html");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", OidcTestConfig.loginName(citizen));
    form.put("password", OidcTestConfig.PASSWORD);
    form.put("_csrf", Http.inputValue(login.body(), "_csrf"));
    HttpResponse<String> done = browser.postForm("/login", form, "Accept", "text/html");
    assertThat(done.statusCode()).isEqualTo(302);
    return browser;
  }

  @Test
  void whenTheCitizenRevokesAConsentThenTheNextAuthorizationAsksAgain() {
    Http browser = browser();
    Map<String, String> callback =
        OidcKit.browse(
            browser,
            authorizationPath("library-rp"),
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD,
            null);
    assertThat(callback).containsKey("code");

    // remembered: straight back to the client
    HttpResponse<String> again = follow(browser, authorizationPath("library-rp"));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(Http.location(again)).startsWith(CALLBACK);

    HttpResponse<String> account = browser.get("/account", "Accept", "text/html");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.body())
        .contains("Organismes autorisés")
        .contains("Bibliothèque nationale")
        .contains("urn:idnum:sector:culture")
        .contains("Votre adresse courriel")
        .contains("<time datetime=\"")
        .contains("aria-label=\"Retirer l’autorisation accordée à Bibliothèque nationale\"");

    HttpResponse<String> revoked =
        revoke(browser, "library-rp", Http.inputValue(account.body(), "_csrf"));
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(Http.location(revoked)).endsWith("/account");
    HttpResponse<String> after = browser.get("/account", "Accept", "text/html");
    assertThat(after.body())
        .contains("Vous avez retiré l’autorisation accordée à Bibliothèque nationale.")
        .doesNotContain("urn:idnum:sector:culture");

    HttpResponse<String> asksAgain = follow(browser, authorizationPath("library-rp"));
    assertThat(isConsentPage(asksAgain)).as(asksAgain.body()).isTrue();
    assertThat(asksAgain.body()).contains("Bibliothèque nationale").contains("id=\"main\"");
  }

  @Test
  void whenTheRevocationHasNoCsrfTokenThenItIsRefusedAndTheConsentStays() {
    Http browser = browser();
    OidcKit.browse(
        browser,
        authorizationPath("museum-rp"),
        CALLBACK,
        OidcTestConfig.BOB.toString(),
        OidcTestConfig.PASSWORD,
        null);

    HttpResponse<String> refused = revoke(browser, "museum-rp", null);
    assertThat(refused.statusCode()).isEqualTo(403);

    HttpResponse<String> account = browser.get("/account?lang=en", "Accept", "text/html");
    assertThat(account.body())
        .contains("Authorized organizations")
        .contains("Musée national")
        .contains("Your email address")
        .contains("Withdraw permission");
    HttpResponse<String> remembered = follow(browser, authorizationPath("museum-rp"));
    assertThat(Http.location(remembered)).startsWith(CALLBACK);
  }

  @Test
  void whenACitizenRevokesAConsentTheyNeverGaveThenOtherCitizensKeepTheirs() {
    Http alice = browser();
    OidcKit.browse(
        alice,
        authorizationPath("museum-rp"),
        CALLBACK,
        OidcTestConfig.ALICE.toString(),
        OidcTestConfig.PASSWORD,
        null);
    Http bob = loggedIn(OidcTestConfig.BOB.toString());
    HttpResponse<String> bobAccount = bob.get("/account", "Accept", "text/html");
    String csrf = Http.inputValue(bobAccount.body(), "_csrf");

    HttpResponse<String> noSuchClient = revoke(bob, "no-such-client", csrf);
    assertThat(noSuchClient.statusCode()).isEqualTo(302);
    revoke(bob, "library-rp", csrf);

    HttpResponse<String> aliceStill = follow(alice, authorizationPath("museum-rp"));
    assertThat(Http.location(aliceStill)).startsWith(CALLBACK);
  }

  @Test
  void whenTheCitizenWithdrawsConsentThenTheClientsRefreshTokenAndUserinfoStopWorking() {
    Http browser = browser();
    Pkce pkce = Pkce.generate();
    String path =
        "/oauth2/authorize?"
            + Http.form(
                OidcKit.authorizationRequest(
                    "library-rp", CALLBACK, "openid email", pkce, "st", "n-1"));
    Map<String, String> callback =
        OidcKit.browse(
            browser, path, CALLBACK, OidcTestConfig.BOB.toString(), OidcTestConfig.PASSWORD, null);
    Map<String, Object> tokens = exchange(browser, callback.get("code"), pkce.verifier());
    String accessToken = (String) tokens.get("access_token");
    assertThat(browser.get("/userinfo", "Authorization", "Bearer " + accessToken).statusCode())
        .isEqualTo(200);

    HttpResponse<String> account = browser.get("/account", "Accept", "text/html");
    revoke(browser, "library-rp", Http.inputValue(account.body(), "_csrf"));

    assertThat(browser.get("/userinfo", "Authorization", "Bearer " + accessToken).statusCode())
        .isEqualTo(401);
    HttpResponse<String> refresh =
        browser.postForm(
            "/oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                (String) tokens.get("refresh_token")),
            "Authorization",
            Http.basic("library-rp", SECRET));
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(OidcKit.json(refresh)).containsEntry("error", "invalid_grant");

    // consenting again gives working tokens
    Pkce again = Pkce.generate();
    Map<String, String> second =
        OidcKit.browse(
            browser,
            "/oauth2/authorize?"
                + Http.form(
                    OidcKit.authorizationRequest(
                        "library-rp", CALLBACK, "openid email", again, "st2", "n-2")),
            CALLBACK,
            OidcTestConfig.BOB.toString(),
            OidcTestConfig.PASSWORD,
            null);
    Map<String, Object> fresh = exchange(browser, second.get("code"), again.verifier());
    assertThat(
            browser
                .get("/userinfo", "Authorization", "Bearer " + fresh.get("access_token"))
                .statusCode())
        .isEqualTo(200);
  }

  Map<String, Object> exchange(Http browser, String code, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", verifier);
    HttpResponse<String> response =
        browser.postForm("/oauth2/token", form, "Authorization", Http.basic("library-rp", SECRET));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return OidcKit.json(response);
  }
}
