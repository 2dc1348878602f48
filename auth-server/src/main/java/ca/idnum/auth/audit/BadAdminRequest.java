package ca.idnum.auth.audit;

/** An admin API request refused for a stated reason (answered {@code 400 invalid_request}). */
public final class BadAdminRequest extends RuntimeException {

  public BadAdminRequest(String description) {
    super(description, null, false, false);
  }
}
