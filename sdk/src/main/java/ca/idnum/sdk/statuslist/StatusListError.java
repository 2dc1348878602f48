package ca.idnum.sdk.statuslist;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a Status List, a Status List Token or a status reference was refused: one value of a closed
 * set, each naming the rule of the Token Status List draft it enforces (§4.1, §4.2, §5.1, §6.2,
 * §8.3, §11.5). The descriptions are safe to log: they never carry key material or the token.
 */
public sealed interface StatusListError {

  /** A stable, machine-readable code, e.g. {@code "index_out_of_range"}. */
  String code();

  /** A short human-readable explanation, safe to log. */
  String description();

  /** The compact JWS could not be parsed, or its header or claims are not JSON objects (§5.1). */
  record MalformedToken(String reason) implements StatusListError {
    public MalformedToken {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "malformed_token";
    }

    @Override
    public String description() {
      return "the status list token is malformed: " + reason;
    }
  }

  /** The token is longer than the configured limit; it was not parsed. */
  record TokenTooLarge(long length, long limit) implements StatusListError {
    @Override
    public String code() {
      return "token_too_large";
    }

    @Override
    public String description() {
      return "the status list token has " + length + " characters, more than the limit " + limit;
    }
  }

  /** The JWS header {@code typ} is not {@code statuslist+jwt} (§5.1). */
  record WrongType(String typ) implements StatusListError {
    @Override
    public String code() {
      return "wrong_type";
    }

    @Override
    public String description() {
      return "the token type is "
          + (typ == null ? "absent" : "'" + typ + "'")
          + ", expected 'statuslist+jwt'";
    }
  }

  /** The JWS algorithm is not in the verifier's allow-list (never {@code none} nor a MAC). */
  record AlgorithmNotAllowed(String alg) implements StatusListError {
    @Override
    public String code() {
      return "algorithm_not_allowed";
    }

    @Override
    public String description() {
      return "the signature algorithm "
          + (alg == null ? "(absent)" : "'" + alg + "'")
          + " is not allowed";
    }
  }

  /** The key resolver found no key for the token, or the key does not fit the algorithm. */
  record KeyNotResolved(String reason) implements StatusListError {
    public KeyNotResolved {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "key_not_resolved";
    }

    @Override
    public String description() {
      return "no usable key for the status list token: " + reason;
    }
  }

  /** The signature does not verify with the resolved key (§5.1 rule 2). */
  record InvalidSignature() implements StatusListError {
    @Override
    public String code() {
      return "invalid_signature";
    }

    @Override
    public String description() {
      return "the signature of the status list token is invalid";
    }
  }

  /** A required claim or member is absent (§5.1, §4.2, §6.2). */
  record MissingClaim(String name) implements StatusListError {
    public MissingClaim {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String code() {
      return "missing_claim";
    }

    @Override
    public String description() {
      return "the claim '" + name + "' is required";
    }
  }

  /** A claim or member has the wrong JSON type or an unacceptable value (§5.1, §4.2, §6.2). */
  record InvalidClaim(String name, String reason) implements StatusListError {
    public InvalidClaim {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "invalid_claim";
    }

    @Override
    public String description() {
      return "the claim '" + name + "' is invalid: " + reason;
    }
  }

  /** {@code sub} is not the URI the token was fetched from (§5.1, §8.3 step 4a). */
  record SubjectMismatch(String expected, String actual) implements StatusListError {
    @Override
    public String code() {
      return "subject_mismatch";
    }

    @Override
    public String description() {
      return "the token subject '" + actual + "' is not the status list URI '" + expected + "'";
    }
  }

  /** The token expired ({@code exp}, §8.3 step 4c). */
  record Expired(Instant expiresAt, Instant now) implements StatusListError {
    @Override
    public String code() {
      return "expired";
    }

    @Override
    public String description() {
      return "the status list token expired at " + expiresAt + " (now " + now + ")";
    }
  }

  /** The token is not valid yet: {@code iat} or {@code nbf} lies beyond the allowed clock skew. */
  record NotYetValid(Instant validFrom, Instant now) implements StatusListError {
    @Override
    public String code() {
      return "not_yet_valid";
    }

    @Override
    public String description() {
      return "the status list token is valid only from " + validFrom + " (now " + now + ")";
    }
  }

  /** {@code bits} is not 1, 2, 4 or 8 (§4.2). */
  record InvalidBits(String value) implements StatusListError {
    @Override
    public String code() {
      return "invalid_bits";
    }

    @Override
    public String description() {
      return "bits must be 1, 2, 4 or 8, was " + value;
    }
  }

  /** {@code lst} is not base64url without padding (§4.2, §3 "base64url"). */
  record MalformedBase64(String reason) implements StatusListError {
    public MalformedBase64 {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "malformed_base64url";
    }

    @Override
    public String description() {
      return "lst is not base64url: " + reason;
    }
  }

  /** The compressed byte array is not a complete ZLIB/DEFLATE stream (§4.1 step 4, §8.3 step 5). */
  record MalformedCompressedData(String reason) implements StatusListError {
    public MalformedCompressedData {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "malformed_compressed_data";
    }

    @Override
    public String description() {
      return "the compressed status list is not valid ZLIB data: " + reason;
    }
  }

  /**
   * The status list inflates to more than the configured limit; inflation stopped there (a
   * decompression bomb is never inflated fully).
   */
  record DecompressedTooLarge(long limit) implements StatusListError {
    @Override
    public String code() {
      return "decompressed_too_large";
    }

    @Override
    public String description() {
      return "the status list inflates to more than " + limit + " bytes";
    }
  }

  /** The index is outside the Status List (§8.3 step 6: the Referenced Token MUST be rejected). */
  record IndexOutOfRange(long index, long size) implements StatusListError {
    @Override
    public String code() {
      return "index_out_of_range";
    }

    @Override
    public String description() {
      return "index " + index + " is outside the status list of " + size + " entries";
    }
  }

  /** The Referenced Token's {@code status} claim does not follow §6.2. */
  record MalformedReference(String reason) implements StatusListError {
    public MalformedReference {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "malformed_reference";
    }

    @Override
    public String description() {
      return "the status reference is malformed: " + reason;
    }
  }

  /** The caller's fetch port could not retrieve the Status List Token (§8.1, §8.2). */
  record FetchFailed(String uri, String reason) implements StatusListError {
    public FetchFailed {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String code() {
      return "fetch_failed";
    }

    @Override
    public String description() {
      return "the status list token at '" + uri + "' could not be fetched: " + reason;
    }
  }
}
