package ca.idnum.auth.oidc.client;

import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523) against the JWK set registered with
 * the client (RS256, PS256, ES256), with the standard claim checks ({@code iss} = {@code sub} =
 * client_id, {@code aud} this server, {@code exp}) plus: {@code jti} required, {@code exp} at most
 * 5 minutes ahead, and each {@code jti} accepted once (replay cache in the short-lived store, kept
 * until the assertion expires).
 */
public final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

  static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  private final ShortLivedStore store;
  private final Clock clock;

  public ClientAssertionDecoderFactory(ShortLivedStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public JwtDecoder createDecoder(RegisteredClient client) {
    String jwks = client.getClientSettings().getSetting(IdnumRegisteredClients.JWKS);
    if (jwks == null) {
      throw invalidClient("no JWK set registered for this client");
    }
    JWKSet jwkSet;
    try {
      jwkSet = JWKSet.parse(jwks).toPublicJWKSet();
    } catch (ParseException e) {
      throw invalidClient("the registered JWK set is unusable");
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(jwkSet)));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client),
            this::lifetimeAndReplay));
    return decoder;
  }

  private OAuth2TokenValidatorResult lifetimeAndReplay(Jwt assertion) {
    Instant now = clock.instant();
    Instant expiresAt = assertion.getExpiresAt();
    String jti = assertion.getId();
    if (jti == null || jti.isBlank() || jti.length() > 200) {
      return failure("jti is required");
    }
    if (expiresAt == null || expiresAt.isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
      return failure("exp must be within 5 minutes");
    }
    Duration keep = Duration.between(now, expiresAt).plusSeconds(60);
    if (!store.putIfAbsent("ca-jti:" + assertion.getClaimAsString("iss") + ":" + jti, "1", keep)) {
      return failure("client assertion replayed");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult failure(String description) {
    return OAuth2TokenValidatorResult.failure(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
  }

  private static OAuth2AuthenticationException invalidClient(String description) {
    return new OAuth2AuthenticationException(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
  }
}
