package ca.idnum.sdk.sdjwt;

import java.util.Objects;

/**
 * Thrown when an SD-JWT cannot be parsed or verified (RFC 9901 §7); carries the typed {@link
 * SdJwtError}.
 */
public final class SdJwtException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The typed error; records are serializable when their components are. */
  private final transient SdJwtError error;

  /** Creates the exception for the given error. */
  public SdJwtException(SdJwtError error) {
    super(Objects.requireNonNull(error, "error").message(), null, false, false);
    this.error = error;
  }

  /** The typed error. */
  public SdJwtError error() {
    return error;
  }
}
