package ca.idnum.wallet.verifier;

import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.sdjwt.SdJwtError;

/**
 * The closed set of reasons why the verifier service refuses an Authorization Response. Each has a
 * stable code (in the result handed to the relying body and in the {@code error_description} of the
 * answer to the Wallet) and an HTTP status for the answer to the Wallet.
 */
public enum Refusal {
  /** The response is not well-formed (no {@code vp_token}, not JSON, wrong shapes). */
  MALFORMED_RESPONSE("malformed_response", "the response is malformed"),
  /** A {@code direct_post.jwt} response did not decrypt with the transaction's key. */
  DECRYPTION_FAILED("decryption_failed", "the response could not be decrypted"),
  /** The response was not encrypted although the request asked for {@code direct_post.jwt}. */
  ENCRYPTION_REQUIRED("encryption_required", "the response must be encrypted (direct_post.jwt)"),
  /** {@code state} is not the transaction's. */
  STATE_MISMATCH("state_mismatch", "state does not match the request"),
  /** No transaction for this response URI (never existed, or long gone). */
  UNKNOWN_TRANSACTION("unknown_transaction", "no such presentation request"),
  /** The transaction expired before the response arrived. */
  TRANSACTION_EXPIRED("transaction_expired", "the presentation request has expired"),
  /** A response was already received for this transaction (single use). */
  REPLAYED("replayed", "a response was already received for this request"),
  /** The Wallet declined ({@code error} in the response). */
  DECLINED("access_denied", "the holder declined"),
  /** A presentation is not a well-formed SD-JWT VC. */
  INVALID_PRESENTATION("invalid_presentation", "a presentation is not a valid SD-JWT VC"),
  /** The issuer signature does not verify. */
  INVALID_SIGNATURE("invalid_signature", "the issuer signature does not verify"),
  /** The issuer is not trusted for the credential's type. */
  UNTRUSTED_ISSUER("untrusted_issuer", "the issuer is not trusted for this credential type"),
  /** A Disclosure does not match the issuer-signed digests. */
  INVALID_DISCLOSURE("invalid_disclosure", "a disclosure does not match the credential"),
  /** The credential has expired. */
  CREDENTIAL_EXPIRED("credential_expired", "the credential has expired"),
  /** The credential is not valid yet. */
  CREDENTIAL_NOT_YET_VALID("credential_not_yet_valid", "the credential is not valid yet"),
  /** The credential's status is INVALID (revoked). */
  CREDENTIAL_REVOKED("credential_revoked", "the credential has been revoked"),
  /** The credential's status is SUSPENDED. */
  CREDENTIAL_SUSPENDED("credential_suspended", "the credential is suspended"),
  /** The status list could not be fetched or verified. */
  STATUS_UNAVAILABLE("status_unavailable", "the credential's status cannot be checked now"),
  /**
   * Key Binding missing, signed by another key than {@code cnf}, stale, or wrong {@code sd_hash}.
   */
  HOLDER_BINDING("holder_binding_failed", "the key binding does not prove the holder key"),
  /** The Key Binding JWT's nonce is not the transaction's. */
  NONCE_MISMATCH("nonce_mismatch", "the key binding nonce does not match the request"),
  /** The Key Binding JWT's audience is not our client identifier. */
  AUDIENCE_MISMATCH("audience_mismatch", "the key binding audience is not this verifier"),
  /** The presented credentials do not answer the DCQL query exactly. */
  QUERY_MISMATCH("query_mismatch", "the response does not match the query");

  private final String code;
  private final String description;

  Refusal(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The stable code. */
  public String code() {
    return code;
  }

  /** A short English description without any claim value. */
  public String description() {
    return description;
  }

  /** The refusal for an SD-JWT verification error. */
  static Refusal of(SdJwtError e) {
    if (e instanceof SdJwtError.IssuerKeyUnresolved) {
      return UNTRUSTED_ISSUER;
    }
    if (e instanceof SdJwtError.InvalidSignature s) {
      return s.part() == SdJwtError.Part.KEY_BINDING_JWT ? HOLDER_BINDING : INVALID_SIGNATURE;
    }
    if (e instanceof SdJwtError.DuplicateDisclosure
        || e instanceof SdJwtError.DuplicateDigest
        || e instanceof SdJwtError.UnreferencedDisclosure
        || e instanceof SdJwtError.WrongDisclosureKind
        || e instanceof SdJwtError.ReservedClaimName
        || e instanceof SdJwtError.ClaimNameCollision
        || e instanceof SdJwtError.NotDisclosable
        || (e instanceof SdJwtError.Malformed m && m.part() == SdJwtError.Part.DISCLOSURE)) {
      return INVALID_DISCLOSURE;
    }
    if (e instanceof SdJwtError.Expired) {
      return CREDENTIAL_EXPIRED;
    }
    if (e instanceof SdJwtError.NotYetValid || e instanceof SdJwtError.IssuedInFuture) {
      return CREDENTIAL_NOT_YET_VALID;
    }
    if (e instanceof SdJwtError.NonceMismatch) {
      return NONCE_MISMATCH;
    }
    if (e instanceof SdJwtError.AudienceMismatch) {
      return AUDIENCE_MISMATCH;
    }
    if (e instanceof SdJwtError.KeyBindingMissing
        || e instanceof SdJwtError.HolderKeyMissing
        || e instanceof SdJwtError.SdHashMismatch
        || e instanceof SdJwtError.KeyBindingNotFresh
        || (e instanceof SdJwtError.Malformed m2 && m2.part() == SdJwtError.Part.KEY_BINDING_JWT)
        || (e instanceof SdJwtError.WrongType t && t.part() == SdJwtError.Part.KEY_BINDING_JWT)) {
      return HOLDER_BINDING;
    }
    return INVALID_PRESENTATION;
  }

  /** The refusal for a DCQL mismatch. */
  static Refusal of(DcqlException e) {
    return QUERY_MISMATCH;
  }
}
