package ca.idnum.sdk.sdjwtvc;

import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import java.util.Objects;

/**
 * Issues SD-JWT VCs (SD-JWT VC draft §3): an {@link SdJwtIssuer} whose {@code typ} is {@code
 * dc+sd-jwt}, with {@code vct} required and the claims of {@link SdJwtVc#NEVER_DISCLOSABLE} refused
 * as selectively disclosable.
 */
public final class SdJwtVcIssuer {
  private final SdJwtIssuer issuer;

  /**
   * @param issuer an issuer built with {@code .type(SdJwtVc.TYPE)}
   */
  public SdJwtVcIssuer(SdJwtIssuer issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    if (issuer.header().getType() == null
        || !SdJwtVc.TYPE.equals(issuer.header().getType().getType())) {
      throw new IllegalArgumentException("the issuer's typ must be " + SdJwtVc.TYPE);
    }
  }

  /**
   * Issues an SD-JWT VC.
   *
   * @throws IllegalArgumentException if the policy makes a never-disclosable claim disclosable
   */
  public SdJwt issue(SdJwtVcClaims claims, DisclosurePolicy policy) {
    for (ClaimPath p : policy.selectivelyDisclosable()) {
      if (SdJwtVc.isNeverDisclosable(p)) {
        throw new IllegalArgumentException(p + " must never be selectively disclosable");
      }
    }
    return issuer.issue(claims.toPayload(), policy);
  }
}
