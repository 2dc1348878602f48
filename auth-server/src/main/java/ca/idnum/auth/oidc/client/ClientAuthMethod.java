package ca.idnum.auth.oidc.client;

import java.util.Locale;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** How a registered client authenticates at the token endpoint. */
public enum ClientAuthMethod {
  CLIENT_SECRET_BASIC(ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
  PRIVATE_KEY_JWT(ClientAuthenticationMethod.PRIVATE_KEY_JWT),
  /**
   * A public client (a native app, RFC 8252): no secret; PKCE S256 and DPoP-bound tokens are
   * mandatory, and only the authorization code grant is allowed.
   */
  NONE(ClientAuthenticationMethod.NONE);

  private final ClientAuthenticationMethod springValue;

  ClientAuthMethod(ClientAuthenticationMethod springValue) {
    this.springValue = springValue;
  }

  public ClientAuthenticationMethod springValue() {
    return springValue;
  }

  /** The registration value, e.g. {@code private_key_jwt}. */
  public String value() {
    return springValue.getValue();
  }

  public static ClientAuthMethod parse(String value) {
    for (ClientAuthMethod method : values()) {
      if (method.value().equals(value)) {
        return method;
      }
    }
    throw new IllegalArgumentException(
        "unsupported token_endpoint_auth_method: "
            + String.valueOf(value).toLowerCase(Locale.ROOT));
  }
}
