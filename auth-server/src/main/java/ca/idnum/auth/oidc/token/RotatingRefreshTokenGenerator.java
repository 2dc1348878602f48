package ca.idnum.auth.oidc.token;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens (256 random bits) for the authorization code grant. Each use rotates the token
 * (clients have {@code reuseRefreshTokens=false}); every token of a family expires no later than
 * the family's absolute lifetime, counted from the authorization code that started it.
 */
public final class RotatingRefreshTokenGenerator
    implements OAuth2TokenGenerator<OAuth2RefreshToken> {

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public RotatingRefreshTokenGenerator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public OAuth2RefreshToken generate(OAuth2TokenContext context) {
    if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
        || !context
            .getRegisteredClient()
            .getAuthorizationGrantTypes()
            .contains(AuthorizationGrantType.REFRESH_TOKEN)) {
      return null;
    }
    Instant issuedAt = clock.instant();
    Instant expiresAt =
        issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
    Duration absolute =
        context
            .getRegisteredClient()
            .getTokenSettings()
            .getSetting(IdnumRegisteredClients.REFRESH_ABSOLUTE_TTL);
    OAuth2Authorization authorization = context.getAuthorization();
    if (absolute != null && authorization != null) {
      OAuth2Authorization.Token<OAuth2AuthorizationCode> code =
          authorization.getToken(OAuth2AuthorizationCode.class);
      if (code != null && code.getToken().getIssuedAt() != null) {
        Instant familyEnd = code.getToken().getIssuedAt().plus(absolute);
        if (familyEnd.isBefore(expiresAt)) {
          expiresAt = familyEnd;
        }
      }
    }
    if (!expiresAt.isAfter(issuedAt)) {
      return null;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new OAuth2RefreshToken(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issuedAt, expiresAt);
  }
}
