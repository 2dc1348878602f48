package ca.idnum.sdk.sdjwt;

import java.util.Objects;

/**
 * A selectively disclosed claim found while processing an SD-JWT (RFC 9901 §7.1 step 3): where it
 * is in the processed payload, the Disclosure that revealed it and its processed value.
 *
 * @param path the concrete path of the claim in the processed payload
 * @param disclosure the Disclosure
 * @param value the processed value (with any nested Disclosures applied)
 */
public record DisclosedClaim(ClaimPath path, Disclosure disclosure, Object value) {
  /** Validates. */
  public DisclosedClaim {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(disclosure, "disclosure");
  }
}
