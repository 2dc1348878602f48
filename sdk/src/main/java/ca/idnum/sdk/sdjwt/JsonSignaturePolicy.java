package ca.idnum.sdk.sdjwt;

/**
 * Which signatures of an SD-JWT in General JWS JSON Serialization (RFC 9901 §8.3) must verify; RFC
 * 7515 §7.2.1 leaves this to the application. Each signature is checked like the Issuer-signed JWT
 * of a compact SD-JWT (§7.1 step 2: {@code alg} allow-list, {@code typ}, key by the {@link
 * ca.idnum.sdk.trust.IssuerKeyResolver}, signature). The Disclosures, the KB-JWT and {@code
 * sd_hash} always go with the first signature (§8.1, §8.3).
 */
public enum JsonSignaturePolicy {
  /**
   * Every signature must be by a key the resolver trusts and must verify (the default, and what
   * {@code @sd-jwt/core} does).
   */
  ALL,
  /**
   * At least one signature must be by a trusted key and verify; signatures whose key the resolver
   * does not know ({@link SdJwtError.IssuerKeyUnresolved}) are ignored. Any other failure of any
   * signature (algorithm not allowed, wrong {@code typ}, a trusted key whose signature does not
   * verify) still refuses the SD-JWT.
   */
  AT_LEAST_ONE
}
