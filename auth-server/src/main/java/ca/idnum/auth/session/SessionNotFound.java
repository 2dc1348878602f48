package ca.idnum.auth.session;

/** No open session with that identifier (for that citizen). */
public final class SessionNotFound extends RuntimeException {

  public SessionNotFound() {
    super("no such session", null, false, false);
  }
}
