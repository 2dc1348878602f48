package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Pending registrations in the database (table {@code citizen_pending_registration}). */
@Component
public final class JdbcPendingRegistrations {

  private final JdbcClient jdbc;

  public JdbcPendingRegistrations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(PendingRegistration p) {
    jdbc.sql(
            "INSERT INTO citizen_pending_registration (id, email, email_normalized, password_hash,"
                + " given_name, family_name, locale, code_hash, attempts, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(p.id())
        .param(p.email().value())
        .param(p.email().normalized())
        .param(p.passwordHash())
        .param(p.givenName())
        .param(p.familyName())
        .param(p.locale().orElse(null))
        .param(p.codeDigest())
        .param(p.attempts())
        .param(utc(p.expiresAt()))
        .param(utc(p.createdAt()))
        .update();
  }

  /** The unexpired registrations for an address, newest first. */
  public List<PendingRegistration> findActive(EmailAddress email, Instant now) {
    return jdbc.sql(
            "SELECT * FROM citizen_pending_registration WHERE email_normalized = ? AND expires_at"
                + " > ? ORDER BY created_at DESC")
        .param(email.normalized())
        .param(utc(now))
        .query(JdbcPendingRegistrations::map)
        .list();
  }

  /**
   * Counts one verification attempt against a registration; false when its attempts are used up
   * (atomic: concurrent guesses cannot exceed the limit).
   */
  public boolean consumeAttempt(UUID id, int maxAttempts) {
    return jdbc.sql(
                "UPDATE citizen_pending_registration SET attempts = attempts + 1 WHERE id = ? AND"
                    + " attempts < ?")
            .param(id)
            .param(maxAttempts)
            .update()
        == 1;
  }

  /** Keeps only the {@code keep} newest registrations of an address. */
  public void keepNewest(EmailAddress email, int keep) {
    List<UUID> ids =
        jdbc.sql(
                "SELECT id FROM citizen_pending_registration WHERE email_normalized = ? ORDER BY"
                    + " created_at DESC")
            .param(email.normalized())
            .query(UUID.class)
            .list();
    for (UUID id : ids.subList(Math.min(keep, ids.size()), ids.size())) {
      jdbc.sql("DELETE FROM citizen_pending_registration WHERE id = ?").param(id).update();
    }
  }

  public void deleteAll(EmailAddress email) {
    jdbc.sql("DELETE FROM citizen_pending_registration WHERE email_normalized = ?")
        .param(email.normalized())
        .update();
  }

  /** Removes expired registrations; returns how many. */
  public int deleteExpired(Instant now) {
    return jdbc.sql("DELETE FROM citizen_pending_registration WHERE expires_at <= ?")
        .param(utc(now))
        .update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static PendingRegistration map(ResultSet rs, int row) throws SQLException {
    return new PendingRegistration(
        rs.getObject("id", UUID.class),
        new EmailAddress(rs.getString("email"), rs.getString("email_normalized")),
        rs.getString("password_hash"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        Optional.ofNullable(rs.getString("locale")),
        rs.getString("code_hash"),
        rs.getInt("attempts"),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
