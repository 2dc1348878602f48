package ca.idnum.sdk.dcql;

import java.util.Objects;

/**
 * A DCQL query is not valid (OpenID4VP 1.0 §6), or a presentation does not answer it. {@link
 * #reason()} is one of a closed set of codes; the message is a short English description without
 * any claim value.
 */
public final class DcqlException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The query is not well-formed (OpenID4VP 1.0 §6.1 to §6.4). */
    INVALID_QUERY,
    /** A presentation answers a credential query id that the query does not contain. */
    UNKNOWN_CREDENTIAL_QUERY,
    /** A presented credential's type is not in {@code meta.vct_values}. */
    WRONG_TYPE,
    /** A requested claim (or every option of {@code claim_sets}) is missing. */
    MISSING_CLAIM,
    /** A claim was disclosed that the query did not ask for. */
    EXTRA_CLAIM,
    /** A required credential set (or credential) has no answer. */
    MISSING_CREDENTIAL,
    /** More than one presentation for a credential query without {@code multiple}. */
    TOO_MANY_PRESENTATIONS,
    /** No held credential satisfies the query. */
    NO_MATCH
  }

  private final Reason reason;

  public DcqlException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, null, false, false);
    this.reason = reason;
  }

  /** The reason code. */
  public Reason reason() {
    return reason;
  }
}
