package ca.idnum.auth.oidc.exchange;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Every way a token exchange request is refused (RFC 8693 §2.2.2), with its error code and fixed
 * description: the closed set of this use case. Spring Authorization Server's token endpoint writes
 * them as {@code {"error":"...","error_description":"..."}} with status 400.
 */
enum TokenExchangeError {
  UNAUTHORIZED_CLIENT(
      OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "the client is not registered for token exchange"),
  MISSING_SUBJECT_TOKEN(OAuth2ErrorCodes.INVALID_REQUEST, "subject_token is required"),
  SUBJECT_TOKEN_TYPE(
      OAuth2ErrorCodes.INVALID_REQUEST,
      "subject_token_type must be urn:ietf:params:oauth:token-type:access_token"),
  ACTOR_TOKEN_TYPE(
      OAuth2ErrorCodes.INVALID_REQUEST,
      "actor_token and actor_token_type (urn:ietf:params:oauth:token-type:access_token) go"
          + " together"),
  REQUESTED_TOKEN_TYPE(
      OAuth2ErrorCodes.INVALID_REQUEST,
      "requested_token_type must be urn:ietf:params:oauth:token-type:access_token"),
  REPEATED_PARAMETER(OAuth2ErrorCodes.INVALID_REQUEST, "a parameter is repeated"),
  MISSING_TARGET(
      OAuth2ErrorCodes.INVALID_REQUEST, "audience or resource is required (the downstream API)"),
  SEVERAL_TARGETS("invalid_target", "exactly one target (audience or resource)"),
  MALFORMED_RESOURCE("invalid_target", "resource must be an absolute URI without fragment"),
  UNREGISTERED_TARGET("invalid_target", "the target is not an audience registered for the client"),
  SCOPE_NOT_IN_SUBJECT(
      OAuth2ErrorCodes.INVALID_SCOPE, "the requested scope exceeds the subject token's scope"),
  UNKNOWN_SUBJECT_TOKEN(
      OAuth2ErrorCodes.INVALID_GRANT,
      "subject_token is not an active access token issued to this client"),
  UNKNOWN_ACTOR_TOKEN(
      OAuth2ErrorCodes.INVALID_GRANT,
      "actor_token is not an active access token issued to this client"),
  NOT_A_CITIZEN(
      OAuth2ErrorCodes.INVALID_GRANT, "subject_token does not stand for a citizen (client token)"),
  ACTOR_NOT_ALLOWED(
      OAuth2ErrorCodes.INVALID_GRANT, "the actor is not the one the subject token's may_act names"),
  SUBJECT_KEY_BOUND(
      OAuth2ErrorCodes.INVALID_GRANT,
      "subject_token is DPoP-bound: a DPoP proof of the same key is required"),
  INVALID_DPOP_PROOF(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "invalid DPoP proof");

  private final String code;
  private final String description;

  TokenExchangeError(String code, String description) {
    this.code = code;
    this.description = description;
  }

  String code() {
    return code;
  }

  OAuth2AuthenticationException exception() {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
  }
}
