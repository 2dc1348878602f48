package ca.idnum.auth.oidc.admin;

import ca.idnum.auth.oidc.client.ClientBootstrap;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin API ({@code /admin/**}) is a resource server: it accepts only access tokens issued by
 * this server ({@code typ at+jwt}, this issuer, audience {@code urn:idnum:admin}) carrying scope
 * {@code idnum:admin} — in practice tokens of the bootstrapped admin client. Never public; no
 * session, no cookie. Only the OpenAPI description ({@code /admin/api-docs}) is readable without a
 * token.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfig {

  @Bean
  @Order(0)
  SecurityFilterChain adminSecurityFilterChain(
      HttpSecurity http, JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings)
      throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), jwkSource));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(),
            new JwtIssuerValidator(settings.getIssuer()),
            new JwtClaimValidator<java.util.List<String>>(
                "aud", aud -> aud != null && aud.contains(ClientBootstrap.ADMIN_AUDIENCE))));
    http.securityMatcher("/admin/**")
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers("/admin/api-docs", "/admin/api-docs/**")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority("SCOPE_" + ScopeCatalog.ADMIN))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder)));
    return http.build();
  }
}
