package ca.idnum.wallet.issuance;

import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;

/**
 * A holder's public key proven by a key proof, to bind one credential to.
 *
 * @param key the public key
 * @param thumbprint its JWK SHA-256 thumbprint
 */
public record HolderKey(JWK key, String thumbprint) {

  /** Validates. */
  public HolderKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(thumbprint, "thumbprint");
    if (key.isPrivate()) {
      throw new IllegalArgumentException("a holder key is public");
    }
  }
}
