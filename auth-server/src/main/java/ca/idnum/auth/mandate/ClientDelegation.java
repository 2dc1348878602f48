package ca.idnum.auth.mandate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a registered client accepts delegated sessions (a mandatary acting for a citizen) and
 * organisations ({@code client_delegation}; kept apart from the client registration).
 */
public final class ClientDelegation {

  /** A client's setting. */
  public record Setting(boolean delegatedSessions, boolean organisations) {
    public static final Setting NONE = new Setting(false, false);
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public ClientDelegation(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A client that accepts delegated sessions, as the mandate form offers it. */
  public record Body(String clientId, String clientName, String sector) {}

  /** The enabled clients that accept delegated sessions, by name. */
  public java.util.List<Body> accepting() {
    return jdbc.sql(
            "SELECT c.client_id, c.client_name, c.sector_identifier FROM oidc_client c"
                + " JOIN client_delegation d ON d.client_id = c.client_id"
                + " WHERE d.accepts_delegated_sessions AND c.enabled ORDER BY c.client_name")
        .query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** The client's setting; {@link Setting#NONE} when none was set (or the client is unknown). */
  public Setting of(String clientId) {
    return jdbc.sql(
            "SELECT accepts_delegated_sessions, accepts_organisations FROM client_delegation"
                + " WHERE client_id = ?")
        .param(clientId)
        .query((rs, n) -> new Setting(rs.getBoolean(1), rs.getBoolean(2)))
        .optional()
        .orElse(Setting.NONE);
  }

  /** Whether the client is registered. */
  public boolean clientExists(String clientId) {
    Optional<Integer> found =
        jdbc.sql("SELECT 1 FROM oidc_client WHERE client_id = ?")
            .param(clientId)
            .query(Integer.class)
            .optional();
    return found.isPresent();
  }

  /** Stores the setting; false for an unknown client. */
  public boolean set(String clientId, Setting setting) {
    if (!clientExists(clientId)) {
      return false;
    }
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "UPDATE client_delegation SET accepts_delegated_sessions = ?,"
                    + " accepts_organisations = ?, updated_at = ? WHERE client_id = ?")
            .params(setting.delegatedSessions(), setting.organisations(), now, clientId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO client_delegation (client_id, accepts_delegated_sessions,"
                  + " accepts_organisations, updated_at) VALUES (?, ?, ?, ?)")
          .params(clientId, setting.delegatedSessions(), setting.organisations(), now)
          .update();
    }
    return true;
  }
}
