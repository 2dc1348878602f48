package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.testing.Browser;
import ca.idnum.auth.citizen.testing.CitizenWebTest;
import ca.idnum.auth.citizen.testing.TestAccounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CitizenWebTest
class WebSecurityTest {

  private static final List<String> PAGES =
      List.of(
          "/", "/login", "/register", "/register/verify", "/password/forgot", "/password/reset");

  @LocalServerPort int port;

  @Test
  void whenAnyPageIsServedThenItCarriesTheStrictSecurityHeaders() {
    Browser browser = new Browser(port);
    for (String path : PAGES) {
      Browser.Page page = browser.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy"))
          .as(path)
          .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
      assertThat(page.header("Content-Security-Policy").orElseThrow())
          .contains("frame-ancestors 'none'", "script-src 'self'", "style-src 'self'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
      assertThat(page.header("Referrer-Policy")).contains("no-referrer");
      assertThat(page.header("X-Frame-Options")).contains("DENY");
      assertThat(page.header("Cache-Control").orElseThrow()).contains("no-store");
      assertThat(page.header("Strict-Transport-Security")).as("HSTS only in production").isEmpty();
      assertThat(page.body()).doesNotContain("<script>", "style=\"", "<style");
    }
  }

  @Test
  void whenAPageLinksItsStylesheetThenTheUrlIsContentHashedAndCachedForAYear() {
    Browser browser = new Browser(port);
    java.util.regex.Matcher css =
        java.util.regex.Pattern.compile("href=\"(/css/idnum-[0-9a-f]{32}\\.css)\"")
            .matcher(browser.get("/login").body());
    assertThat(css.find()).isTrue();
    Browser.Page stylesheet = browser.get(css.group(1));
    assertThat(stylesheet.status()).isEqualTo(200);
    assertThat(stylesheet.header("Cache-Control").orElseThrow()).contains("max-age=31536000");
    assertThat(stylesheet.header("Content-Type").orElseThrow()).startsWith("text/css");
  }

  @Test
  void whenAScriptIsRequestedUnderItsContentHashThenItIsServedAndCachedForAYear()
      throws java.io.IOException {
    byte[] script =
        new org.springframework.core.io.ClassPathResource("static/js/passkey.js")
            .getContentAsByteArray();
    String hashed =
        "/js/passkey-" + org.springframework.util.DigestUtils.md5DigestAsHex(script) + ".js";
    Browser.Page page = new Browser(port).get(hashed);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Cache-Control").orElseThrow()).contains("max-age=31536000");
    assertThat(page.header("Content-Type").orElseThrow()).contains("javascript");
  }

  @Test
  void whenAPageLinksSomethingOtherThanAResourceThenTheLinkIsLeftAsWritten() {
    assertThat(new Browser(port).get("/login").body()).contains("action=\"/login\"");
  }

  @Test
  void whenNoLanguageIsChosenThenPagesAreInFrenchAndLangEnSwitchesAndIsRemembered() {
    Browser browser = new Browser(port);
    Browser.Page french = browser.get("/login");
    assertThat(french.body()).contains("<html lang=\"fr\"", "Se connecter", "hreflang=\"en\"");

    Browser.Page english = browser.get("/login?lang=en");
    assertThat(english.body()).contains("<html lang=\"en\"", "Sign in", "hreflang=\"fr\"");
    assertThat(english.header("Set-Cookie").orElseThrow()).contains("IDNUM_LANG=en-CA");

    assertThat(browser.get("/register").body())
        .contains("<html lang=\"en\"", "Create your account");
    assertThat(browser.get("/?lang=xx").body()).contains("<html lang=\"fr\"");
  }

  @Test
  void whenAFormIsPostedWithoutItsCsrfTokenThenTheErrorPageSaysSoWithoutInternals() {
    Browser browser = new Browser(port);
    browser.get("/register");
    Browser.Page page =
        browser.post(
            "/register", Map.of("email", "a@example.ca", "password", "x", "givenName", "A"));
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body())
        .contains("Accès refusé", "<html lang=\"fr\"")
        .doesNotContain("Exception", "at org.", "csrf", "trace");
    assertThat(page.header("Content-Security-Policy")).isPresent();
  }

  @Test
  void whenAPageDoesNotExistThenTheErrorPageIsShownWithoutStackTrace() {
    Browser browser = new Browser(port);
    browser.follow(
        TestAccounts.login(browser, DemoCitizenSeeder.EMAIL, DemoCitizenSeeder.PASSWORD));
    Browser.Page page = browser.get("/nulle-part?lang=en");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body())
        .contains("Page not found", "Error code: 404")
        .doesNotContain("Exception");
  }

  @Test
  void whenAnAnonymousVisitorOpensTheAccountPageThenTheyAreSentToLogin() {
    Browser.Page page = new Browser(port).get("/account");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }
}
