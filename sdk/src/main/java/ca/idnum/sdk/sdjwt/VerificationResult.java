package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of verifying an SD-JWT or SD-JWT+KB (RFC 9901 §7.3): either the processed payload or
 * the typed reason of the refusal.
 */
public sealed interface VerificationResult {

  /** Whether verification succeeded. */
  default boolean isVerified() {
    return this instanceof Verified;
  }

  /**
   * The processed SD-JWT payload (§7.1 step 3): the always-visible claims plus only what was
   * disclosed, without {@code _sd}, {@code _sd_alg} or {@code ...} placeholders.
   *
   * @param claims the processed payload (unmodifiable)
   * @param disclosed the disclosed claims with their paths
   * @param issuerHeader the JWS header of the Issuer-signed JWT
   * @param holderKey the {@code cnf.jwk} key, or {@code null} if none
   * @param keyBound whether a Key Binding JWT was presented and verified
   * @param hashAlgorithm the {@code _sd_alg} of the SD-JWT
   */
  record Verified(
      Map<String, Object> claims,
      List<DisclosedClaim> disclosed,
      JWSHeader issuerHeader,
      JWK holderKey,
      boolean keyBound,
      HashAlgorithm hashAlgorithm)
      implements VerificationResult {
    /** Validates. */
    public Verified {
      Objects.requireNonNull(claims, "claims");
      disclosed = List.copyOf(disclosed);
      Objects.requireNonNull(issuerHeader, "issuerHeader");
      Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    }
  }

  /**
   * Verification failed.
   *
   * @param error what failed
   */
  record Rejected(SdJwtError error) implements VerificationResult {
    /** Validates. */
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }
}
