package ca.idnum.wallet.storage;

import java.util.Objects;

/** Carries a {@link StorageError} to the handler; no stack trace (it is not a fault). */
public final class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient StorageError error;

  public StorageException(StorageError error) {
    super(Objects.requireNonNull(error, "error").code(), null, false, false);
    this.error = error;
  }

  /** The error. */
  public StorageError error() {
    return error;
  }
}
