package ca.idnum.auth.session;

import ca.idnum.server.crypto.EnvelopeEncryption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-citizen index of sessions ({@code citizen_session}) and the relying bodies that got
 * tokens in each ({@code citizen_session_client}). The HTTP session id itself is stored only
 * encrypted (it would let whoever reads it take the session over); rows are found by {@code sid}.
 */
public final class JdbcCitizenSessions {

  private static final String COLUMNS =
      "sid, citizen_id, device, place, created_at, last_seen_at, ended_at, end_reason";

  /** A relying body's authorization made in a session. */
  public record SessionClient(String authorizationId, String clientId) {}

  private final JdbcClient jdbc;
  private final EnvelopeEncryption encryption;

  public JdbcCitizenSessions(JdbcClient jdbc, EnvelopeEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  /** The OpenID Connect {@code sid} of an HTTP session (what Spring Authorization Server puts). */
  public static String sid(String sessionId) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(sessionId.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds a session unless it is already indexed (by this request or a concurrent one); returns
   * whether it was added. One statement per login: {@code ON CONFLICT DO NOTHING} (PostgreSQL, and
   * H2 in its PostgreSQL mode) rather than a look-up first.
   */
  public boolean insert(
      String sessionId, String citizenId, String device, Optional<String> place, Instant now) {
    String sid = sid(sessionId);
    String ref =
        Base64.getEncoder()
            .encodeToString(
                encryption.encrypt(sessionId.getBytes(StandardCharsets.US_ASCII), aad(sid)));
    return jdbc.sql(
                "INSERT INTO citizen_session (sid, session_ref, citizen_id, device, place,"
                    + " created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(sid, ref, citizenId, device, place.orElse(null), ts(now), ts(now))
            .update()
        == 1;
  }

  public Optional<CitizenSession> find(String sid) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM citizen_session WHERE sid = ?")
        .param(sid)
        .query(JdbcCitizenSessions::row)
        .optional();
  }

  /** The HTTP session id of an indexed session. */
  public Optional<String> sessionId(String sid) {
    return jdbc.sql("SELECT session_ref FROM citizen_session WHERE sid = ?")
        .param(sid)
        .query(String.class)
        .optional()
        .map(
            ref ->
                new String(
                    encryption.decrypt(Base64.getDecoder().decode(ref), aad(sid)),
                    StandardCharsets.US_ASCII));
  }

  /** A citizen's sessions not marked ended, newest first. */
  public List<CitizenSession> notEnded(String citizenId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM citizen_session WHERE citizen_id = ? AND ended_at IS NULL"
                + " ORDER BY created_at DESC")
        .param(citizenId)
        .query(JdbcCitizenSessions::row)
        .list();
  }

  /**
   * Sessions not marked ended, idle since {@code idleBefore} or opened before {@code bornBefore}.
   */
  public List<String> timedOut(Instant idleBefore, Instant bornBefore, int limit) {
    return jdbc.sql(
            "SELECT sid FROM citizen_session WHERE ended_at IS NULL"
                + " AND (last_seen_at < ? OR created_at < ?) ORDER BY last_seen_at LIMIT ?")
        .params(ts(idleBefore), ts(bornBefore), limit)
        .query(String.class)
        .list();
  }

  /** Notes that the session was used at {@code now}, unless it was after {@code notBefore}. */
  public void touch(String sid, Instant now, Instant notBefore) {
    jdbc.sql(
            "UPDATE citizen_session SET last_seen_at = ? WHERE sid = ? AND ended_at IS NULL"
                + " AND last_seen_at < ?")
        .params(ts(now), sid, ts(notBefore))
        .update();
  }

  /** Marks a session ended; false when it already was (another node or request ended it). */
  public boolean markEnded(String sid, SessionEndReason reason, Instant now) {
    return jdbc.sql(
                "UPDATE citizen_session SET ended_at = ?, end_reason = ? WHERE sid = ?"
                    + " AND ended_at IS NULL")
            .params(ts(now), reason.name(), sid)
            .update()
        == 1;
  }

  /** Remembers that a relying body got an authorization (tokens) in this session. */
  public void link(String sid, String authorizationId, String clientId, Instant now) {
    Integer existing =
        jdbc.sql(
                "SELECT COUNT(*) FROM citizen_session_client WHERE sid = ? AND authorization_id = ?")
            .params(sid, authorizationId)
            .query(Integer.class)
            .single();
    if (existing == 0) {
      try {
        jdbc.sql(
                "INSERT INTO citizen_session_client (sid, authorization_id, client_id, created_at)"
                    + " VALUES (?, ?, ?, ?)")
            .params(sid, authorizationId, clientId, ts(now))
            .update();
      } catch (DuplicateKeyException concurrentlyLinked) {
        // the same link, written by a concurrent request
      }
    }
  }

  public List<SessionClient> clients(String sid) {
    return jdbc.sql(
            "SELECT authorization_id, client_id FROM citizen_session_client WHERE sid = ?"
                + " ORDER BY created_at")
        .param(sid)
        .query((rs, n) -> new SessionClient(rs.getString(1), rs.getString(2)))
        .list();
  }

  private static byte[] aad(String sid) {
    return ("citizen_session:" + sid).getBytes(StandardCharsets.UTF_8);
  }

  private static CitizenSession row(ResultSet rs, int n) throws SQLException {
    return new CitizenSession(
        rs.getString("sid"),
        rs.getString("citizen_id"),
        rs.getString("device"),
        Optional.ofNullable(rs.getString("place")),
        instant(rs, "created_at"),
        instant(rs, "last_seen_at"),
        Optional.ofNullable(instant(rs, "ended_at")),
        Optional.ofNullable(rs.getString("end_reason")).map(SessionEndReason::valueOf));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
