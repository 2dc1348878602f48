package ca.idnum.sdk.sdjwtvc;

import ca.idnum.sdk.sdjwt.DisclosedClaim;
import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.SdJwtError;
import ca.idnum.sdk.sdjwt.SdJwtVerifier;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import java.util.Set;

/**
 * Verifies SD-JWT VCs (SD-JWT VC draft §3 and §4): everything {@link SdJwtVerifier} checks, with
 * {@code typ} {@code dc+sd-jwt}, a string {@code vct}, and none of {@link
 * SdJwtVc#NEVER_DISCLOSABLE} delivered through a Disclosure.
 */
public final class SdJwtVcVerifier {
  private final SdJwtVerifier verifier;

  /** A verifier with these options; accepted types are replaced by {@code dc+sd-jwt}. */
  public SdJwtVcVerifier(VerifierOptions options) {
    this.verifier = new SdJwtVerifier(options.withAcceptedTypes(Set.of(SdJwtVc.TYPE)));
  }

  /**
   * Verifies a compact SD-JWT VC presentation; see {@link SdJwtVerifier#verify(String,
   * KeyBindingExpectation)}.
   */
  public VerificationResult verify(String presentation, KeyBindingExpectation keyBinding) {
    return checkVc(verifier.verify(presentation, keyBinding));
  }

  /**
   * Verifies an SD-JWT VC presentation in JWS JSON Serialization (RFC 9901 §8); see {@link
   * SdJwtVerifier#verifyJson(String, KeyBindingExpectation)}. The SD-JWT VC rules are the same.
   */
  public VerificationResult verifyJson(String json, KeyBindingExpectation keyBinding) {
    return checkVc(verifier.verifyJson(json, keyBinding));
  }

  private static VerificationResult checkVc(VerificationResult r) {
    if (!(r instanceof VerificationResult.Verified v)) {
      return r;
    }
    for (DisclosedClaim dc : v.disclosed()) {
      if (SdJwtVc.isNeverDisclosable(dc.path())) {
        return new VerificationResult.Rejected(
            new SdJwtError.NotDisclosable(String.valueOf(dc.path().elements().get(0))));
      }
    }
    if (!(v.claims().get("vct") instanceof String vct) || vct.isEmpty()) {
      return new VerificationResult.Rejected(new SdJwtError.MissingClaim("vct"));
    }
    return v;
  }
}
