package ca.idnum.auth.oidc;

import ca.idnum.auth.oidc.client.SigningAlg;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenID Provider settings ({@code idnum.oidc.*}). Lifetimes are bounded: authorization codes live
 * at most 60 s.
 *
 * @param authorizationCodeTtl lifetime of an authorization code (≤ 60 s)
 * @param accessTokenTtl default access token lifetime of new clients
 * @param idTokenTtl ID token lifetime
 * @param refreshTokenTtl lifetime of one refresh token (each use rotates it)
 * @param refreshAbsoluteTtl absolute lifetime of a refresh token family (from the login)
 * @param pushedRequestTtl lifetime of a pushed authorization request's {@code request_uri}
 * @param dpopNonceRequired whether every DPoP proof at the token endpoint must carry a server nonce
 *     (always for high-assurance clients)
 * @param keyRefresh how often each node reloads signing keys (rotation by another node)
 * @param keyRotationGrace time a retired key stays published after its last signature
 * @param accessTokenSigningAlg the JWS algorithm of RFC 9068 access tokens (ES256 by default: on
 *     the same machine it signs about twice as fast as RS256 with RSA-2048, and the token grants
 *     are bound by that signature; FAPI 2.0 does not allow RS256)
 */
@ConfigurationProperties("idnum.oidc")
public record OidcProperties(
    Duration authorizationCodeTtl,
    Duration accessTokenTtl,
    Duration idTokenTtl,
    Duration refreshTokenTtl,
    Duration refreshAbsoluteTtl,
    Duration pushedRequestTtl,
    Boolean dpopNonceRequired,
    Duration keyRefresh,
    Duration keyRotationGrace,
    SigningAlg accessTokenSigningAlg) {

  public OidcProperties {
    authorizationCodeTtl = or(authorizationCodeTtl, Duration.ofSeconds(60));
    accessTokenTtl = or(accessTokenTtl, Duration.ofMinutes(5));
    idTokenTtl = or(idTokenTtl, Duration.ofMinutes(5));
    refreshTokenTtl = or(refreshTokenTtl, Duration.ofHours(8));
    refreshAbsoluteTtl = or(refreshAbsoluteTtl, Duration.ofHours(24));
    pushedRequestTtl = or(pushedRequestTtl, Duration.ofSeconds(60));
    dpopNonceRequired = dpopNonceRequired != null && dpopNonceRequired;
    keyRefresh = or(keyRefresh, Duration.ofSeconds(60));
    keyRotationGrace = or(keyRotationGrace, Duration.ofMinutes(5));
    accessTokenSigningAlg =
        accessTokenSigningAlg == null ? SigningAlg.ES256 : accessTokenSigningAlg;
    if (authorizationCodeTtl.compareTo(Duration.ofSeconds(60)) > 0
        || authorizationCodeTtl.isNegative()
        || authorizationCodeTtl.isZero()) {
      throw new IllegalArgumentException("idnum.oidc.authorization-code-ttl must be in (0, 60s]");
    }
    if (refreshAbsoluteTtl.compareTo(refreshTokenTtl) < 0) {
      throw new IllegalArgumentException(
          "idnum.oidc.refresh-absolute-ttl must be at least idnum.oidc.refresh-token-ttl");
    }
  }

  private static Duration or(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  /** The longest lifetime of anything signed by a signing key (for key retirement). */
  public Duration longestSignedTokenLifetime(Duration longestClientAccessTokenTtl) {
    Duration longest = idTokenTtl.compareTo(accessTokenTtl) > 0 ? idTokenTtl : accessTokenTtl;
    if (longestClientAccessTokenTtl != null && longestClientAccessTokenTtl.compareTo(longest) > 0) {
      longest = longestClientAccessTokenTtl;
    }
    return longest.plus(keyRotationGrace);
  }
}
