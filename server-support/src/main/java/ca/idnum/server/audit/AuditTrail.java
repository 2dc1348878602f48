package ca.idnum.server.audit;

/** Reading the durable audit log: operators' searches and the chain verification. */
public interface AuditTrail {

  /** Records matching the query, newest first. */
  AuditPage search(AuditQuery query);

  /** Walks the hash chain from the first record to the chain head. */
  AuditVerification verify();
}
