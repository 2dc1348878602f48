package ca.idnum.auth.oidc.exchange;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token exchange decided the new access token says, handed to the token generator with the
 * grant and applied by {@link ExchangedTokenCustomizer}.
 *
 * @param subject the subject token's {@code sub} (pairwise for the client's sector)
 * @param audience the one downstream API
 * @param act the actor chain (RFC 8693 §4.1), outermost actor first, if any
 * @param acr the level of assurance the subject token states
 * @param authTime the subject token's {@code auth_time}
 * @param expiresAt no later than the subject token's expiry
 */
record ExchangedToken(
    String subject,
    String audience,
    Optional<Map<String, Object>> act,
    Optional<Object> acr,
    Optional<Object> authTime,
    Instant expiresAt) {

  ExchangedToken {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(act, "act");
    Objects.requireNonNull(acr, "acr");
    Objects.requireNonNull(authTime, "authTime");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
