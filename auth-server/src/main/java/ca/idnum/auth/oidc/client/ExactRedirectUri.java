package ca.idnum.auth.oidc.client;

import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Exact redirect URI matching (RFC 9700 §4.1.3): the {@code redirect_uri} parameter is required and
 * must equal, character for character, one of the client's registered URIs — no loopback port
 * leniency, no prefix or query variation. On mismatch the error is not redirected anywhere.
 */
public final class ExactRedirectUri
    implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

  /** Exact redirect URI, then Spring Authorization Server's redirect URI and scope checks. */
  public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator() {
    return new ExactRedirectUri()
        .andThen(
            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR)
        .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);
  }

  @Override
  public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
    OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
    String requested = request.getRedirectUri();
    if (requested == null || !context.getRegisteredClient().getRedirectUris().contains(requested)) {
      throw new OAuth2AuthorizationCodeRequestAuthenticationException(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_REQUEST,
              "OAuth 2.0 Parameter: redirect_uri (must exactly match a registered URI)",
              null),
          null);
    }
  }
}
