package ca.idnum.wallet.register;

import java.util.Objects;

/** A register did not give claims; {@link #failure()} says why. Never carries register data. */
public final class RegisterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a register fetch failed. */
  public enum Failure {
    /** The register does not know the subject (404). */
    SUBJECT_UNKNOWN,
    /** Timeouts, 5xx, connection failures, an open circuit: try again later. */
    UNAVAILABLE,
    /** The answer is not what the contract says. */
    MALFORMED
  }

  private final Failure failure;

  public RegisterException(Failure failure, String message) {
    super(message, null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** Why. */
  public Failure failure() {
    return failure;
  }
}
