package ca.idnum.auth.oidc.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization endpoint responses with the issuer identifier {@code iss} (RFC 9207), success and
 * error alike. An error is redirected to the client only when Spring Authorization Server has
 * validated the redirect URI against the registration (exact match); otherwise the browser gets a
 * {@code 400} OAuth error body and is never sent to the unverified URI.
 */
public final class AuthorizationResponses
    implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private final String issuer;

  public AuthorizationResponses(String issuer) {
    this.issuer = issuer;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    OAuth2AuthorizationCodeRequestAuthenticationToken result =
        (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
    UriComponentsBuilder uri =
        UriComponentsBuilder.fromUriString(result.getRedirectUri())
            .queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
    addStateAndIssuer(uri, result.getState());
    redirect(response, uri);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    OAuth2Error error =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError()
            : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
    OAuth2AuthorizationCodeRequestAuthenticationToken requested =
        exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
            ? codeRequest.getAuthorizationCodeRequestAuthentication()
            : null;
    OAuth2Error safe = new OAuth2Error(error.getErrorCode(), describe(error), null);
    if (requested == null
        || requested.getRedirectUri() == null
        || requested.getRedirectUri().isBlank()) {
      OAuthErrors.write(response, 400, safe, java.util.Map.of());
      return;
    }
    UriComponentsBuilder uri =
        UriComponentsBuilder.fromUriString(requested.getRedirectUri())
            .queryParam(OAuth2ParameterNames.ERROR, enc(safe.getErrorCode()));
    if (safe.getDescription() != null) {
      uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, enc(safe.getDescription()));
    }
    addStateAndIssuer(uri, requested.getState());
    redirect(response, uri);
  }

  /** SAS's descriptions name the offending parameter; keep them, they contain no request data. */
  private static String describe(OAuth2Error error) {
    String description = error.getDescription();
    if (description == null || description.length() > 200) {
      return null;
    }
    return description;
  }

  private void addStateAndIssuer(UriComponentsBuilder uri, String state) {
    if (state != null && !state.isEmpty()) {
      uri.queryParam(OAuth2ParameterNames.STATE, enc(state));
    }
    uri.queryParam("iss", enc(issuer));
  }

  private static void redirect(HttpServletResponse response, UriComponentsBuilder uri) {
    response.setStatus(302);
    response.setHeader("Location", uri.build(true).toUriString());
    response.setHeader("Cache-Control", "no-store");
  }

  private static String enc(String value) {
    return UriUtils.encode(value, StandardCharsets.UTF_8);
  }
}
