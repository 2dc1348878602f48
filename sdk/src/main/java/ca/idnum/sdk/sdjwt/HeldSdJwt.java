package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
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

  /**
   * Every claim of the processed payload with its concrete path, depth first in payload order: the
   * always-visible claims as well as the selectively disclosable ones (for a wallet's display and
   * for matching DCQL claims paths).
   */
  public List<ClaimPath> claimPaths() {
    List<ClaimPath> out = new ArrayList<>();
    collect(claims, ClaimPath.root(), out);
    return out;
  }

  /** Whether the claim at the concrete {@code path} was issued as selectively disclosable. */
  public boolean isSelectivelyDisclosable(ClaimPath path) {
    for (DisclosedClaim dc : disclosedClaims) {
      if (dc.path().equals(path)) {
        return true;
      }
    }
    return false;
  }

  private static void collect(Object node, ClaimPath path, List<ClaimPath> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        ClaimPath child = path.child(e.getKey());
        out.add(child);
        collect(e.getValue(), child, out);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        ClaimPath child = path.child(i);
        out.add(child);
        collect(list.get(i), child, out);
      }
    }
  }
}
