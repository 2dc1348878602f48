package ca.idnum.sdk.openid4vp;

import java.util.Objects;

/**
 * An OpenID4VP step failed: a request object the Wallet must not trust, a query it cannot answer,
 * or an error answered by the other side. {@link #reason()} is one of a closed set; {@link
 * #error()} is the OAuth {@code error} code when the other side sent one.
 */
public final class OpenId4VpException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The request object is not a signed JWT ({@code alg} {@code none} or not a JWS). */
    REQUEST_NOT_SIGNED,
    /** The request object's signature does not verify with the key of its {@code x5c} leaf. */
    REQUEST_SIGNATURE_INVALID,
    /** The {@code x5c} chain is missing or does not validate to a trust anchor. */
    UNTRUSTED_VERIFIER,
    /** The client identifier does not match the certificate, the link or the response URI. */
    CLIENT_ID_MISMATCH,
    /** A client identifier prefix other than {@code x509_hash} and {@code x509_san_dns}. */
    UNSUPPORTED_CLIENT_ID_PREFIX,
    /** The request is malformed, expired, or asks for something unsupported. */
    INVALID_REQUEST,
    /** No held credential answers the query. */
    NO_MATCHING_CREDENTIAL,
    /** An HTTP exchange failed or the answer could not be read. */
    TRANSPORT,
    /** The other side answered with an OAuth error. */
    ERROR_RESPONSE
  }

  private final Reason reason;
  private final int status;
  private final String error;

  public OpenId4VpException(Reason reason, String description) {
    this(reason, 0, null, description);
  }

  public OpenId4VpException(Reason reason, int status, String error, String description) {
    super(
        Objects.requireNonNull(reason, "reason")
            + (error == null ? "" : " " + error)
            + (description == null ? "" : ": " + description),
        null,
        false,
        false);
    this.reason = reason;
    this.status = status;
    this.error = error;
  }

  /** The reason. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status of an error answer, or 0. */
  public int status() {
    return status;
  }

  /** The OAuth {@code error} code of an error answer, or {@code null}. */
  public String error() {
    return error;
  }
}
