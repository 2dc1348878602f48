package ca.idnum.auth.oidc.token;

import static ca.idnum.auth.oidc.support.OidcKit.json;
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
 * The postal address over real HTTP: the citizen enters it on the account page (validated, French
 * and English), and a public body granted the {@code address} scope receives the OIDC Core §5.1.1
 * {@code address} claim from userinfo; without that scope it does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddressClaimTest {

  static final String CALLBACK = "http://127.0.0.1:8080/cb";
  static final String SECRET = "test-secret-of-postal-rp-0123456789abcdefgh";
  static int port;

  @Autowired ClientRegistrations registrations;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-address");
    registry.add("server.port", () -> port);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
  }

  @BeforeAll
  void registerClient() {
    if (registrations.find("postal-rp").isEmpty()) {
      registrations.register(
          new ClientMetadata(
              "postal-rp",
              "Postes",
              "urn:idnum:sector:post",
              "client_secret_basic",
              null,
              List.of("authorization_code"),
              List.of(CALLBACK),
              List.of(),
              "openid email address",
              false,
              "RS256",
              List.of(),
              300),
          Optional.of(SECRET));
    }
  }

  Http loggedIn(String citizen) {
    Http browser = new Http("http://localhost:" + port);
    HttpResponse<String> login = browser.get("/login", "Accept", "text/html");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", OidcTestConfig.loginName(citizen));
    form.put("password", OidcTestConfig.PASSWORD);
    form.put("_csrf", Http.inputValue(login.body(), "_csrf"));
    assertThat(browser.postForm("/login", form, "Accept", "text/html").statusCode()).isEqualTo(302);
    return browser;
  }

  HttpResponse<String> submitAddress(Http browser, Map<String, String> fields, String lang) {
    HttpResponse<String> page = browser.get("/account/address?lang=" + lang, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", Http.inputValue(page.body(), "_csrf"));
    return browser.postForm("/account/address", form, "Accept", "text/html");
  }

  Map<String, Object> userinfo(Http browser, String scope) {
    Pkce pkce = Pkce.generate();
    Map<String, String> callback =
        OidcKit.browse(
            browser,
            "/oauth2/authorize?"
                + Http.form(
                    OidcKit.authorizationRequest(
                        "postal-rp", CALLBACK, scope, pkce, "st", "n-" + OidcKit.random(6))),
            CALLBACK,
            OidcTestConfig.ALICE.toString(),
            OidcTestConfig.PASSWORD,
            null);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", callback.get("code"));
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", pkce.verifier());
    HttpResponse<String> tokens =
        browser.postForm("/oauth2/token", form, "Authorization", Http.basic("postal-rp", SECRET));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    HttpResponse<String> userinfo =
        browser.get("/userinfo", "Authorization", "Bearer " + json(tokens).get("access_token"));
    assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
    return json(userinfo);
  }

  @Test
  void whenTheAddressIsInvalidThenThePageNamesEachProblemInTheCitizensLanguage() {
    Http browser = loggedIn(OidcTestConfig.BOB.toString());

    HttpResponse<String> french =
        submitAddress(
            browser,
            Map.of(
                "streetAddress", "",
                "locality", "Québec",
                "region", "QC",
                "postalCode", "12345",
                "country", "Canada"),
            "fr");
    assertThat(french.statusCode()).isEqualTo(200);
    assertThat(french.body())
        .contains("role=\"alert\"")
        .contains("Entrez le numéro et la rue.")
        .contains("Entrez un code postal canadien valide")
        .contains("aria-invalid=\"true\"");

    HttpResponse<String> english = submitAddress(browser, Map.of("locality", ""), "en");
    assertThat(english.body())
        .contains("Enter the number and street.")
        .contains("Enter the city or municipality.");

    HttpResponse<String> account = browser.get("/account?lang=fr", "Accept", "text/html");
    assertThat(account.body()).contains("Aucune adresse enregistrée.");
  }

  @Test
  void whenTheCitizenSavesAnAddressThenTheAddressScopeReleasesTheAddressClaim() {
    Http browser = loggedIn(OidcTestConfig.ALICE.toString());
    HttpResponse<String> saved =
        submitAddress(
            browser,
            Map.of(
                "streetAddress", "1000, rue Saint-Jean, app. 3",
                "locality", "Québec",
                "region", "QC",
                "postalCode", "g1r4s9",
                "country", "Canada"),
            "fr");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    HttpResponse<String> account = browser.get(Http.location(saved), "Accept", "text/html");
    assertThat(account.body())
        .contains("Votre adresse postale a été enregistrée.")
        .contains("1000, rue Saint-Jean, app. 3")
        .contains("G1R 4S9");

    Map<String, Object> withAddress = userinfo(browser, "openid email address");
    assertThat(withAddress.get("address"))
        .isEqualTo(
            Map.of(
                "formatted", "1000, rue Saint-Jean, app. 3\nQuébec QC  G1R 4S9\nCanada",
                "street_address", "1000, rue Saint-Jean, app. 3",
                "locality", "Québec",
                "region", "QC",
                "postal_code", "G1R 4S9",
                "country", "Canada"));

    Map<String, Object> withoutAddress = userinfo(browser, "openid email");
    assertThat(withoutAddress).doesNotContainKey("address").containsKey("email");
  }
}
