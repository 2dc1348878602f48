package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The citizens' passkeys in {@code citizen_passkey}. */
public final class Passkeys {

  private static final String COLUMNS =
      "credential_id, citizen_id, label, attested_data, sign_count, transports, created_at,"
          + " last_used_at";

  private final JdbcClient jdbc;

  public Passkeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(Passkey passkey) {
    jdbc.sql("INSERT INTO citizen_passkey (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .param(passkey.credentialId())
        .param(passkey.citizen().value())
        .param(passkey.label())
        .param(passkey.attestedData())
        .param(passkey.signCount())
        .param(passkey.synced() ? "synced" : "")
        .param(utc(passkey.createdAt()))
        .param(passkey.lastUsedAt().map(Passkeys::utc).orElse(null))
        .update();
  }

  public List<Passkey> of(CitizenId citizen) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM citizen_passkey WHERE citizen_id = ? ORDER BY created_at")
        .param(citizen.value())
        .query(Passkeys::map)
        .list();
  }

  public boolean any(CitizenId citizen) {
    return jdbc.sql("SELECT COUNT(*) FROM citizen_passkey WHERE citizen_id = ?")
            .param(citizen.value())
            .query(Long.class)
            .single()
        > 0;
  }

  public Optional<Passkey> find(String credentialId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM citizen_passkey WHERE credential_id = ?")
        .param(credentialId)
        .query(Passkeys::map)
        .optional();
  }

  /** Records a use: the new signature counter (only ever raised). */
  public void used(String credentialId, long signCount, Instant at) {
    jdbc.sql(
            "UPDATE citizen_passkey SET sign_count = ?, last_used_at = ?"
                + " WHERE credential_id = ? AND sign_count <= ?")
        .param(signCount)
        .param(utc(at))
        .param(credentialId)
        .param(signCount)
        .update();
  }

  public boolean remove(CitizenId citizen, String credentialId) {
    return jdbc.sql("DELETE FROM citizen_passkey WHERE citizen_id = ? AND credential_id = ?")
            .param(citizen.value())
            .param(credentialId)
            .update()
        > 0;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Passkey map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
    return new Passkey(
        rs.getString("credential_id"),
        new CitizenId(rs.getObject("citizen_id", UUID.class)),
        rs.getString("label"),
        rs.getString("attested_data"),
        rs.getLong("sign_count"),
        "synced".equals(rs.getString("transports")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        Optional.ofNullable(lastUsed).map(OffsetDateTime::toInstant));
  }
}
