package ca.idnum.wallet.verifier;

import ca.idnum.wallet.admin.SecurityConfiguration;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The relying body's verifier API ({@code /verifiers/{body}/api/**}): an OAuth 2.0 resource server
 * accepting the SAG's JWT access tokens (same decoder and audience as the issuer admin API) that
 * carry the scope {@code idnum:verifier:{body}}. Fails closed with 503 when the SAG's keys cannot
 * be fetched.
 */
@Configuration(proxyBeanMethods = false)
public class VerifierSecurity {

  /** The scope that lets a client use the verifier API of {@code body}. */
  public static String verifierScope(String body) {
    return "idnum:verifier:" + body;
  }

  @Bean
  @Order(0)
  SecurityFilterChain verifierApi(HttpSecurity http) throws Exception {
    http.securityMatcher("/verifiers/*/api/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/verifiers/{body}/api/**")
                    .access(VerifierSecurity::hasVerifierScope)
                    .anyRequest()
                    .denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
        .addFilterBefore(
            new SecurityConfiguration.FailClosedFilter(), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  private static AuthorizationDecision hasVerifierScope(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    String required = "SCOPE_" + verifierScope(context.getVariables().get("body"));
    Authentication a = authentication.get();
    return new AuthorizationDecision(
        a != null
            && a.isAuthenticated()
            && a.getAuthorities().stream().anyMatch(g -> required.equals(g.getAuthority())));
  }
}
