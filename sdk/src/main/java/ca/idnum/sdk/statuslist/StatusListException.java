package ca.idnum.sdk.statuslist;

import java.util.Objects;

/**
 * Thrown when a Status List, a Status List Token or a status reference is refused (Token Status
 * List draft, §8.3: "no statement about the status of the Referenced Token can be made"). The
 * reason is {@link #error()}, one value of the closed set {@link StatusListError}.
 */
public final class StatusListException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient StatusListError error;

  /** Creates the exception for one error. */
  public StatusListException(StatusListError error) {
    super(Objects.requireNonNull(error, "error").description(), null, false, false);
    this.error = error;
  }

  /** What was refused, and why. */
  public StatusListError error() {
    return error;
  }
}
