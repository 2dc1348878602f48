package ca.idnum.auth.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The security headers of every page, shared by all filter chains ({@code
 * http.headers(SecurityHeaders.pages(hsts))}).
 *
 * <p>Content-Security-Policy: only same-origin scripts, styles, images and fonts, no inline script
 * or style, no plugins, no {@code <base>}, never framed. {@code form-action} is deliberately
 * absent: browsers apply it to the redirects that follow a form submission, and the login and
 * consent forms end in a redirect to the relying party's {@code redirect_uri} (another origin),
 * which {@code form-action 'self'} would block; the forms themselves only ever post to this origin.
 *
 * <p>HSTS (one year, subdomains) is sent when enabled ({@code idnum.web.hsts}, true in the {@code
 * production} profile) on every response, TLS being terminated in front of the nodes; browsers
 * ignore it over plain HTTP.
 */
public final class SecurityHeaders {

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  public static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

  private SecurityHeaders() {}

  public static Customizer<HeadersConfigurer<HttpSecurity>> pages(boolean hsts) {
    return headers -> {
      headers
          .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
          .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
          .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
          .contentTypeOptions(Customizer.withDefaults())
          .crossOriginOpenerPolicy(Customizer.withDefaults())
          .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));
      if (hsts) {
        headers.httpStrictTransportSecurity(
            h ->
                h.includeSubDomains(true)
                    .maxAgeInSeconds(31_536_000)
                    .requestMatcher(AnyRequestMatcher.INSTANCE));
      } else {
        headers.httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable);
      }
    };
  }
}
