package ca.idnum.sdk.wallet;

/** The wallet storage API refused a request, or could not be reached or understood. */
public final class WalletStorageException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String wwwAuthenticate;

  public WalletStorageException(
      int status, String error, String description, String wwwAuthenticate) {
    super(error + (description == null ? "" : ": " + description));
    this.status = status;
    this.error = error;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** The HTTP status, or 0 when the API could not be reached. */
  public int status() {
    return status;
  }

  /** The {@code error} code, such as {@code quota_exceeded} or {@code device_revoked}. */
  public String error() {
    return error;
  }

  /** The {@code WWW-Authenticate} header of a 401 or 403, or {@code null}. */
  public String wwwAuthenticate() {
    return wwwAuthenticate;
  }
}
