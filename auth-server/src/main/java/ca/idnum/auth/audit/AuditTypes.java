package ca.idnum.auth.audit;

/** The audit event types this server records (stable names: operators filter on them). */
public final class AuditTypes {

  public static final String LOGIN_SUCCESS = "login.success";
  public static final String LOGIN_FAILURE = "login.failure";

  /** A successful step-up to a higher level of assurance (recorded by the login with MFA). */
  public static final String LOGIN_STEP_UP = "login.step_up";

  public static final String CONSENT_GRANTED = "consent.granted";
  public static final String CONSENT_REVOKED = "consent.revoked";
  public static final String TOKEN_ISSUED = "token.issued";

  /**
   * An access token exchanged for a narrower one (RFC 8693): client, citizen, audience, scopes,
   * actor chain.
   */
  public static final String TOKEN_EXCHANGED = "token.exchanged";

  public static final String LOGOUT = "logout";
  public static final String SESSION_REVOKED = "session.revoked";
  public static final String SESSION_EXPIRED = "session.expired";
  public static final String BACKCHANNEL_LOGOUT_FAILED = "backchannel-logout.failed";
  public static final String PASSWORD_RESET = "password.reset";
  public static final String ADMIN_CLIENT_REGISTERED = "admin.client.registered";
  public static final String ADMIN_CLIENT_UPDATED = "admin.client.updated";
  public static final String ADMIN_CLIENT_SECRET_ROTATED = "admin.client.secret-rotated";
  public static final String ADMIN_CLIENT_ENABLED = "admin.client.enabled";
  public static final String ADMIN_CLIENT_DISABLED = "admin.client.disabled";
  public static final String ADMIN_KEYS_ROTATED = "admin.keys.rotated";

  /** Mandates (recorded for both citizens: principal and mandatary). */
  public static final String MANDATE_PROPOSED = "mandate.proposed";

  public static final String MANDATE_ACCEPTED = "mandate.accepted";
  public static final String MANDATE_REFUSED = "mandate.refused";
  public static final String MANDATE_ENDED = "mandate.ended";

  /** A mandatary logged in to a public body on behalf of a principal (recorded for both). */
  public static final String LOGIN_DELEGATED = "login.delegated";

  /** Organisations (representatives: recorded for the administrator and the representative). */
  public static final String ORGANISATION_CREATED = "organisation.created";

  public static final String ORGANISATION_REPRESENTATIVE_ADDED =
      "organisation.representative.added";
  public static final String ORGANISATION_REPRESENTATIVE_REMOVED =
      "organisation.representative.removed";

  public static final String ADMIN_CLIENT_DELEGATION = "admin.client.delegation";

  private AuditTypes() {}
}
