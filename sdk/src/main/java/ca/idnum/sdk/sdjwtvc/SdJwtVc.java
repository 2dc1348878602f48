package ca.idnum.sdk.sdjwtvc;

import ca.idnum.sdk.sdjwt.ClaimPath;
import java.util.Set;

/** Constants of SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.1, §3.2.2). */
public final class SdJwtVc {
  /** The media type in {@code typ} (§3.1). */
  public static final String TYPE = "dc+sd-jwt";

  /** Claims that must never be selectively disclosable (§3.2.2). */
  public static final Set<String> NEVER_DISCLOSABLE =
      Set.of("iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status");

  private SdJwtVc() {}

  /** Whether a claim path is one of {@link #NEVER_DISCLOSABLE} or lies inside one of them. */
  public static boolean isNeverDisclosable(ClaimPath path) {
    return path.size() >= 1
        && path.elements().get(0) instanceof String name
        && NEVER_DISCLOSABLE.contains(name);
  }
}
