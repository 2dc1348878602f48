package ca.idnum.auth.citizen.proofing.register;

/**
 * The register gave no usable answer: it timed out, failed (5xx, connection refused), answered
 * something that is not the contract, or its circuit breaker is open. Nothing is verified then; the
 * citizen is asked to try again later. The message names the register and the reason only.
 */
public final class RegisterUnavailableException extends RuntimeException {

  /** Why the register gave no answer (for logs and metrics). */
  public enum Reason {
    TIMEOUT,
    SERVER_ERROR,
    CONNECTION_FAILED,
    MALFORMED,
    CIRCUIT_OPEN,
    BUDGET_EXHAUSTED
  }

  private final Reason reason;

  public RegisterUnavailableException(String register, Reason reason) {
    super(register + ": " + reason, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Whether another attempt may succeed (a malformed answer is not retried). */
  public boolean retryable() {
    return reason != Reason.MALFORMED && reason != Reason.CIRCUIT_OPEN;
  }
}
