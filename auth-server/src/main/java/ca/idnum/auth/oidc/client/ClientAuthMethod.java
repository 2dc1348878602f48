package ca.idnum.auth.oidc.client;

import java.util.Locale;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** How a registered client authenticates at the token endpoint. */
public enum ClientAuthMethod {
  CLIENT_SECRET_BASIC(ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
  PRIVATE_KEY_JWT(ClientAuthenticationMethod.PRIVATE_KEY_JWT);

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
