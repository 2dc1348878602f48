package ca.idnum.sdk.sdjwt;

import java.time.Instant;

/**
 * The closed set of reasons why an SD-JWT or SD-JWT+KB is refused (RFC 9901 §7.1 and §7.3, plus the
 * limits of §9 security considerations). Each variant says precisely what failed; {@link
 * #message()} is a short English description that never contains secret material.
 */
public sealed interface SdJwtError {

  /** A short, log-safe description of the error. */
  String message();

  /** The part of a presentation an error is about. */
  enum Part {
    /** The whole tilde-separated serialization (RFC 9901 §4). */
    SD_JWT,
    /** The Issuer-signed JWT (RFC 9901 §4.1). */
    ISSUER_JWT,
    /** A Disclosure (RFC 9901 §4.2). */
    DISCLOSURE,
    /** The Key Binding JWT (RFC 9901 §4.3). */
    KEY_BINDING_JWT
  }

  /** A limit guarding against hostile input. */
  enum Limit {
    /** Length of the whole serialization, in characters. */
    TOTAL_LENGTH,
    /** Number of Disclosures. */
    DISCLOSURE_COUNT,
    /** Nesting depth of JSON objects and arrays. */
    NESTING_DEPTH,
    /** Number of elements of one array. */
    ARRAY_LENGTH
  }

  /** The input is not well-formed (RFC 9901 §4, §7.1 step 1). */
  record Malformed(Part part, String detail) implements SdJwtError {
    @Override
    public String message() {
      return "malformed " + part + ": " + detail;
    }
  }

  /** The input exceeds a configured limit. */
  record LimitExceeded(Limit limit, long maximum) implements SdJwtError {
    @Override
    public String message() {
      return limit + " exceeds the maximum of " + maximum;
    }
  }

  /** The JWS algorithm is not on the allow-list ({@code none} and HMAC never are; §7.1 step 2). */
  record AlgorithmNotAllowed(Part part, String algorithm) implements SdJwtError {
    @Override
    public String message() {
      return "algorithm " + algorithm + " is not allowed for " + part;
    }
  }

  /** The {@code typ} header is not the expected one (RFC 9901 §9.11, §4.3). */
  record WrongType(Part part, String actual) implements SdJwtError {
    @Override
    public String message() {
      return "typ " + actual + " is not accepted for " + part;
    }
  }

  /** The {@code _sd_alg} value names a hash algorithm that is not supported (§4.1.1). */
  record UnsupportedHashAlgorithm(String name) implements SdJwtError {
    @Override
    public String message() {
      return "unsupported _sd_alg " + name;
    }
  }

  /** The Issuer's verification key could not be determined or is not trusted (§7.1 step 2). */
  record IssuerKeyUnresolved(String reason) implements SdJwtError {
    @Override
    public String message() {
      return "issuer key not resolved: " + reason;
    }
  }

  /** A signature does not verify (§7.1 step 2, §7.3 step 4). */
  record InvalidSignature(Part part) implements SdJwtError {
    @Override
    public String message() {
      return "invalid signature on " + part;
    }
  }

  /** Two Disclosures have the same digest (the same Disclosure sent twice; §7.1 step 4). */
  record DuplicateDisclosure(String digest) implements SdJwtError {
    @Override
    public String message() {
      return "duplicate disclosure with digest " + digest;
    }
  }

  /** A digest appears more than once in the payload or the Disclosures (§7.1 step 4). */
  record DuplicateDigest(String digest) implements SdJwtError {
    @Override
    public String message() {
      return "digest appears more than once: " + digest;
    }
  }

  /** A Disclosure is referenced by no digest of the processed payload (§7.1 step 5). */
  record UnreferencedDisclosure(String digest) implements SdJwtError {
    @Override
    public String message() {
      return "disclosure not referenced by any digest: " + digest;
    }
  }

  /**
   * A Disclosure of the wrong kind was referenced: an array-element Disclosure from {@code _sd}, or
   * an object-property Disclosure from a {@code ...} array element (§7.1 step 3).
   */
  record WrongDisclosureKind(String digest) implements SdJwtError {
    @Override
    public String message() {
      return "disclosure of the wrong kind for its position: " + digest;
    }
  }

  /** A Disclosure uses {@code _sd} or {@code ...} as its claim name (§7.1 step 3.c.ii). */
  record ReservedClaimName(String name) implements SdJwtError {
    @Override
    public String message() {
      return "reserved claim name in a disclosure: " + name;
    }
  }

  /** A disclosed claim name already exists at the same level (§7.1 step 3.c.ii). */
  record ClaimNameCollision(String name) implements SdJwtError {
    @Override
    public String message() {
      return "claim name already exists at its level: " + name;
    }
  }

  /** A claim required by the verifier or the profile is missing or of the wrong type. */
  record MissingClaim(String name) implements SdJwtError {
    @Override
    public String message() {
      return "missing or invalid claim " + name;
    }
  }

  /** {@code exp} has passed (RFC 7519 §4.1.4, RFC 9901 §7.1 step 6). */
  record Expired(Instant expiresAt, Instant now) implements SdJwtError {
    @Override
    public String message() {
      return "expired at " + expiresAt;
    }
  }

  /** {@code nbf} is still in the future (RFC 7519 §4.1.5). */
  record NotYetValid(Instant notBefore, Instant now) implements SdJwtError {
    @Override
    public String message() {
      return "not valid before " + notBefore;
    }
  }

  /** {@code iat} of the Issuer-signed JWT is in the future. */
  record IssuedInFuture(Instant issuedAt, Instant now) implements SdJwtError {
    @Override
    public String message() {
      return "issued in the future at " + issuedAt;
    }
  }

  /** The verifier requires Key Binding and no KB-JWT was presented (§7.3 step 4). */
  record KeyBindingMissing() implements SdJwtError {
    @Override
    public String message() {
      return "key binding JWT required but absent";
    }
  }

  /** The Issuer-signed JWT carries no usable holder key in {@code cnf.jwk} (§4.1.2). */
  record HolderKeyMissing(String detail) implements SdJwtError {
    @Override
    public String message() {
      return "no usable holder key in cnf: " + detail;
    }
  }

  /** The KB-JWT's {@code sd_hash} does not match the presented SD-JWT (§4.3.1). */
  record SdHashMismatch() implements SdJwtError {
    @Override
    public String message() {
      return "sd_hash does not match the presented SD-JWT";
    }
  }

  /** The KB-JWT's {@code aud} is not the expected audience (§4.3.2). */
  record AudienceMismatch(String expected, String actual) implements SdJwtError {
    @Override
    public String message() {
      return "key binding aud " + actual + " is not " + expected;
    }
  }

  /** The KB-JWT's {@code nonce} is not the expected nonce (§4.3.2). */
  record NonceMismatch() implements SdJwtError {
    @Override
    public String message() {
      return "key binding nonce does not match";
    }
  }

  /** The KB-JWT's {@code iat} is outside the accepted freshness window (§4.3.2). */
  record KeyBindingNotFresh(Instant issuedAt, Instant now) implements SdJwtError {
    @Override
    public String message() {
      return "key binding iat " + issuedAt + " outside the accepted window";
    }
  }

  /** A claim that a profile forbids to be selectively disclosable was (SD-JWT VC draft §3.2.2). */
  record NotDisclosable(String name) implements SdJwtError {
    @Override
    public String message() {
      return "claim must not be selectively disclosable: " + name;
    }
  }
}
