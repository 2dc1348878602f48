package ca.idnum.server.dpop;

import java.util.Objects;

/**
 * A DPoP proof was missing or not acceptable (RFC 9449 §4.3). The description is safe to send to
 * the client ({@code invalid_dpop_proof}); it never contains the proof or a key. No stack trace: it
 * is not a fault.
 */
public final class DpopProofException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DpopProofException(String description) {
    super(Objects.requireNonNull(description, "description"), null, false, false);
  }

  /** The {@code error_description}. */
  public String description() {
    return getMessage();
  }
}
