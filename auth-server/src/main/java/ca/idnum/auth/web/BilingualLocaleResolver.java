package ca.idnum.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Remembers the chosen language in a cookie ({@value #COOKIE}); French until the citizen switches.
 * Any locale is mapped to one of the {@link SupportedLanguages}, so a forged cookie or parameter
 * cannot select a language the service does not have.
 */
final class BilingualLocaleResolver implements LocaleResolver {

  static final String COOKIE = "IDNUM_LANG";

  private final CookieLocaleResolver cookies = new CookieLocaleResolver(COOKIE);

  BilingualLocaleResolver(boolean secureCookie) {
    cookies.setDefaultLocale(SupportedLanguages.FRENCH);
    cookies.setCookieHttpOnly(true);
    cookies.setCookieSecure(secureCookie);
    cookies.setCookieSameSite("Lax");
    cookies.setCookieMaxAge(java.time.Duration.ofDays(365));
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    return SupportedLanguages.closest(cookies.resolveLocale(request));
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    cookies.setLocale(
        request, response, locale == null ? null : SupportedLanguages.closest(locale));
  }
}
