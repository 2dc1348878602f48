package ca.idnum.auth.session;

import ca.idnum.auth.audit.AuditTypes;

/** Why a session ended. */
public enum SessionEndReason {
  /** The citizen logged out (here or at a relying body: RP-initiated logout). */
  LOGOUT(AuditTypes.LOGOUT),
  /** The citizen signed it out from the account page. */
  CITIZEN(AuditTypes.SESSION_REVOKED),
  /** An operator revoked it through the admin API. */
  OPERATOR(AuditTypes.SESSION_REVOKED),
  /** The citizen's credentials changed (password reset, authenticator removed). */
  CREDENTIALS_CHANGED(AuditTypes.SESSION_REVOKED),
  /** Idle or absolute timeout. */
  TIMEOUT(AuditTypes.SESSION_EXPIRED);

  private final String auditType;

  SessionEndReason(String auditType) {
    this.auditType = auditType;
  }

  String auditType() {
    return auditType;
  }

  String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
