package ca.idnum.sdk.openid4vci;

import java.net.URI;
import java.util.Objects;

/**
 * An authorization request of the OpenID4VCI authorization code flow (§5), ready to open in the
 * browser, with what the wallet app keeps until the redirect comes back.
 *
 * @param uri the authorization endpoint URI with the request parameters
 * @param authorizationServer the authorization server's issuer identifier
 * @param tokenEndpoint the authorization server's token endpoint
 * @param clientId the wallet app's client identifier
 * @param redirectUri the redirect URI sent in the request
 * @param state the {@code state} to compare with the response's
 * @param codeVerifier the PKCE code verifier (RFC 7636), secret until the token request
 */
public record AuthorizationRequest(
    URI uri,
    String authorizationServer,
    URI tokenEndpoint,
    String clientId,
    String redirectUri,
    String state,
    String codeVerifier) {

  /** Validates. */
  public AuthorizationRequest {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(authorizationServer, "authorizationServer");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
  }

  @Override
  public String toString() {
    return "AuthorizationRequest[" + uri + "]";
  }
}
