package ca.idnum.server.audit;

import java.util.OptionalLong;

/**
 * The result of walking the audit chain.
 *
 * @param intact whether every record and the chain head agree
 * @param checked how many records were read
 * @param firstBroken sequence number of the first record that does not fit the chain (modified,
 *     missing or inserted), empty when intact
 * @param reason what was found there, empty when intact
 */
public record AuditVerification(
    boolean intact, long checked, OptionalLong firstBroken, String reason) {

  static AuditVerification ok(long checked) {
    return new AuditVerification(true, checked, OptionalLong.empty(), "");
  }

  static AuditVerification broken(long checked, long seq, String reason) {
    return new AuditVerification(false, checked, OptionalLong.of(seq), reason);
  }

  /** One line for an operator. */
  public String describe() {
    return intact
        ? "audit chain intact: " + checked + " records verified"
        : "audit chain BROKEN at record " + firstBroken.getAsLong() + ": " + reason;
  }
}
