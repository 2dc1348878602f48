package ca.idnum.wallet.admin;

import ca.idnum.wallet.config.WalletProperties;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two filter chains: the issuer admin API ({@code /issuers/{body}/admin/**}), an OAuth 2.0 resource
 * server accepting the SAG's JWT access tokens that carry the scope {@code idnum:issuer:{body}};
 * everything else (the OpenID4VCI endpoints, which do their own DPoP-bound token checks, metadata,
 * status lists, health) without Spring Security authentication. The SAG's keys are fetched when
 * first needed and cached, so wallet-api starts without auth-server.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "IdNum wallet-api: issuer admin API",
            version = "1",
            description =
                "For a public body's back office: create OpenID4VCI credential offers (pre-authorized"
                    + " code, tx_code sent out of band), list what was issued about a subject, suspend,"
                    + " reinstate or revoke. Access tokens: client credentials from the SAG"
                    + " (auth-server) with the scope idnum:issuer:{body}."))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class SecurityConfiguration {

  /**
   * No Micrometer observation per security filter, authentication and authorization: profiling the
   * token endpoint showed the per-filter observations costing about a tenth of the CPU of a grant.
   * Requests are still timed ({@code http.server.requests}) and security events audited and counted
   * by the application's own metrics.
   */
  @Bean
  static org.springframework.security.config.observation.SecurityObservationSettings
      securityObservationSettings() {
    return org.springframework.security.config.observation.SecurityObservationSettings
        .noObservations();
  }

  /** The scope that lets a client administer issuer {@code body}. */
  public static String adminScope(String body) {
    return "idnum:issuer:" + body;
  }

  @Bean
  @Order(1)
  SecurityFilterChain adminApi(HttpSecurity http) throws Exception {
    http.securityMatcher("/issuers/*/admin/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/issuers/{body}/admin/**")
                    .access(SecurityConfiguration::hasIssuerScope)
                    .anyRequest()
                    .denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
        .addFilterBefore(new FailClosedFilter(), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain publicEndpoints(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .requestCache(c -> c.disable())
        .securityContext(c -> c.disable())
        .anonymous(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  JwtDecoder adminJwtDecoder(WalletProperties properties) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.authJwkSetUri().toString())
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .jwsAlgorithm(SignatureAlgorithm.ES384)
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .jwsAlgorithm(SignatureAlgorithm.PS256)
            .build();
    OAuth2TokenValidator<Jwt> validator =
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(),
            new JwtIssuerValidator(properties.authIssuer()),
            new JwtTypeValidator("at+jwt", "JWT"),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.adminAudience())));
    decoder.setJwtValidator(validator);
    return decoder;
  }

  /**
   * When the SAG's keys cannot be fetched, token validation cannot happen: answer {@code 503} (fail
   * closed, no stack trace) rather than a server error.
   */
  public static final class FailClosedFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(FailClosedFilter.class);

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        chain.doFilter(request, response);
      } catch (AuthenticationServiceException e) {
        log.warn(
            "admin API: access tokens cannot be validated now (authorization server keys unavailable)");
        if (!response.isCommitted()) {
          response.setStatus(503);
          response.setHeader("Retry-After", "30");
          response.setHeader("Cache-Control", "no-store");
          response.setContentType("application/json");
          response
              .getWriter()
              .write(
                  "{\"error\":\"temporarily_unavailable\",\"error_description\":"
                      + "\"access tokens cannot be validated now; try again later\"}");
        }
      }
    }
  }

  private static AuthorizationDecision hasIssuerScope(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Map<String, String> variables = context.getVariables();
    String required = "SCOPE_" + adminScope(variables.get("body"));
    Authentication a = authentication.get();
    boolean granted =
        a != null
            && a.isAuthenticated()
            && a.getAuthorities().stream().anyMatch(g -> required.equals(g.getAuthority()));
    return new AuthorizationDecision(granted);
  }
}
