package ca.idnum.wallet.issuance;

import java.util.Objects;

/** Carries an {@link IssuanceError} to the handler; no stack trace (it is not a fault). */
public final class IssuanceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient IssuanceError error;

  public IssuanceException(IssuanceError error) {
    super(Objects.requireNonNull(error, "error").code(), null, false, false);
    this.error = error;
  }

  /** The error. */
  public IssuanceError error() {
    return error;
  }
}
