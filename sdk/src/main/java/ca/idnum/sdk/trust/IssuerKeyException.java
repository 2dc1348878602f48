package ca.idnum.sdk.trust;

import java.util.Objects;

/**
 * Thrown by an {@link IssuerKeyResolver} when no trusted key can be found for an Issuer (RFC 9901
 * §7.1 step 2.3: the signing key must belong to the Issuer).
 */
public final class IssuerKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why resolution failed. */
  public enum Reason {
    /** The header names a key the resolver does not know. */
    UNKNOWN_KEY_ID,
    /** The header lacks what the resolver needs ({@code x5c}, {@code kid}). */
    MISSING_HEADER,
    /** The payload lacks a usable {@code iss}. */
    MISSING_ISSUER,
    /** The issuer is not trusted by configuration. */
    UNTRUSTED_ISSUER,
    /** The certificate chain does not validate to a trust anchor. */
    UNTRUSTED_CHAIN,
    /** The certificate may not be used for signatures, or is not bound to the issuer. */
    CERTIFICATE_NOT_USABLE,
    /** The Issuer metadata could not be fetched or is invalid. */
    METADATA_INVALID,
    /** The key is of a type or curve that cannot verify JWS signatures here. */
    UNSUPPORTED_KEY
  }

  private final Reason reason;

  /** Creates the exception. */
  public IssuerKeyException(Reason reason, String detail) {
    super(Objects.requireNonNull(reason) + ": " + detail, null, false, false);
    this.reason = reason;
  }

  /** Why resolution failed. */
  public Reason reason() {
    return reason;
  }
}
