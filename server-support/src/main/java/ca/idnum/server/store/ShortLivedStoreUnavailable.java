package ca.idnum.server.store;

/**
 * The short-lived store cannot be reached. Callers fail closed: the request is refused (503) and
 * nobody is authenticated on a degraded path.
 */
public final class ShortLivedStoreUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ShortLivedStoreUnavailable(Throwable cause) {
    super("short-lived store unavailable", cause);
  }
}
