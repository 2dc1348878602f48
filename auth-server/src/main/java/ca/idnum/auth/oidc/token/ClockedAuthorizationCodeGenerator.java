package ca.idnum.auth.oidc.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes: 256 random bits, lifetime from the client's token settings (≤ 60 s),
 * timestamps from the injected {@link Clock}.
 */
public final class ClockedAuthorizationCodeGenerator
    implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public ClockedAuthorizationCodeGenerator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
    if (context.getTokenType() == null
        || !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
      return null;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Instant issuedAt = clock.instant();
    Instant expiresAt =
        issuedAt.plus(
            context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive());
    return new OAuth2AuthorizationCode(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issuedAt, expiresAt);
  }
}
