package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.CitizenId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Password reset codes in the database (table {@code citizen_password_reset}). */
@Component
public final class JdbcPasswordResets {

  /** One stored reset code (its digest) of an account. */
  public record ResetCode(UUID id, String codeDigest) {}

  private final JdbcClient jdbc;

  public JdbcPasswordResets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      UUID id, CitizenId citizen, String codeDigest, Instant expiresAt, Instant now) {
    jdbc.sql(
            "INSERT INTO citizen_password_reset (id, citizen_id, code_hash, attempts, expires_at,"
                + " created_at) VALUES (?, ?, ?, 0, ?, ?)")
        .param(id)
        .param(citizen.value())
        .param(codeDigest)
        .param(utc(expiresAt))
        .param(utc(now))
        .update();
  }

  /** The account's unexpired codes, newest first. */
  public List<ResetCode> findActive(CitizenId citizen, Instant now) {
    return jdbc.sql(
            "SELECT id, code_hash FROM citizen_password_reset WHERE citizen_id = ? AND expires_at >"
                + " ? ORDER BY created_at DESC")
        .param(citizen.value())
        .param(utc(now))
        .query(
            (rs, row) -> new ResetCode(rs.getObject("id", UUID.class), rs.getString("code_hash")))
        .list();
  }

  /** Counts one attempt against a code; false when its attempts are used up (atomic). */
  public boolean consumeAttempt(UUID id, int maxAttempts) {
    return jdbc.sql(
                "UPDATE citizen_password_reset SET attempts = attempts + 1 WHERE id = ? AND attempts"
                    + " < ?")
            .param(id)
            .param(maxAttempts)
            .update()
        == 1;
  }

  public void deleteAll(CitizenId citizen) {
    jdbc.sql("DELETE FROM citizen_password_reset WHERE citizen_id = ?")
        .param(citizen.value())
        .update();
  }

  public int deleteExpired(Instant now) {
    return jdbc.sql("DELETE FROM citizen_password_reset WHERE expires_at <= ?")
        .param(utc(now))
        .update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
