package ca.idnum.sdk.openid4vci;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Objects;

/**
 * An access token from the token endpoint, with the DPoP key it is bound to.
 *
 * @param accessToken the access token
 * @param tokenType {@code DPoP}
 * @param expiresIn lifetime in seconds
 * @param dpopKey the private DPoP key the token is bound to
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, ECKey dpopKey) {

  /** Validates. */
  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenType, "tokenType");
    Objects.requireNonNull(dpopKey, "dpopKey");
  }

  @Override
  public String toString() {
    return "TokenResponse[" + tokenType + ", expiresIn=" + expiresIn + "]";
  }
}
