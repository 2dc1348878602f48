package ca.idnum.sdk.sdjwt;

import java.util.Objects;

/**
 * What a Verifier requires of the Key Binding JWT (RFC 9901 §4.3.2, §7.3 step 5): Key Binding is
 * then mandatory, and {@code aud} and {@code nonce} must equal these values.
 *
 * @param audience the expected {@code aud} (the Verifier's identifier)
 * @param nonce the expected {@code nonce} (fresh per presentation request)
 */
public record KeyBindingExpectation(String audience, String nonce) {
  /** Validates. */
  public KeyBindingExpectation {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(nonce, "nonce");
    if (audience.isEmpty() || nonce.isEmpty()) {
      throw new IllegalArgumentException("audience and nonce must not be empty");
    }
  }
}
