package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An issued SD-JWT as kept by a Holder after checking it (RFC 9901 §7.2): the SD-JWT with all its
 * Disclosures, the fully processed claims and every disclosable claim with its path.
 *
 * @param sdJwt the SD-JWT as issued (no Key Binding JWT)
 * @param claims the processed payload with every Disclosure applied
 * @param disclosedClaims each Disclosure with the path of its claim
 * @param hashAlgorithm the {@code _sd_alg}
 * @param holderKey the {@code cnf.jwk}, or {@code null}
 */
public record HeldSdJwt(
    SdJwt sdJwt,
    Map<String, Object> claims,
    List<DisclosedClaim> disclosedClaims,
    HashAlgorithm hashAlgorithm,
    JWK holderKey) {
  /** Validates. */
  public HeldSdJwt {
    Objects.requireNonNull(sdJwt, "sdJwt");
    Objects.requireNonNull(claims, "claims");
    disclosedClaims = List.copyOf(disclosedClaims);
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
  }
}
