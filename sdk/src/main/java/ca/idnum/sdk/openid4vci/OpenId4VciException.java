package ca.idnum.sdk.openid4vci;

/**
 * An OpenID4VCI or OAuth endpoint answered with an error, or its answer could not be used.
 *
 * <p>{@link #status()} is the HTTP status (0 when no HTTP answer was received), {@link #error()}
 * the {@code error} code, {@link #wwwAuthenticate()} the challenge when there was one.
 */
public final class OpenId4VciException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String wwwAuthenticate;

  public OpenId4VciException(int status, String error, String description, String wwwAuthenticate) {
    super(error + (description == null ? "" : ": " + description));
    this.status = status;
    this.error = error;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** The HTTP status, or 0. */
  public int status() {
    return status;
  }

  /** The {@code error} code (or a local code such as {@code invalid_response}). */
  public String error() {
    return error;
  }

  /** The {@code WWW-Authenticate} header, or {@code null}. */
  public String wwwAuthenticate() {
    return wwwAuthenticate;
  }
}
