package ca.idnum.server.audit;

/**
 * Where security events go. Implementations must never throw for a well-formed event on a healthy
 * store; callers record after the fact they describe has happened.
 */
public interface AuditLog {

  void record(AuditEvent event);
}
