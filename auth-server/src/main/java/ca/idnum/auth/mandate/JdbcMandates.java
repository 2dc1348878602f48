package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Mandates in the database ({@code mandate}, Flyway V6). */
public final class JdbcMandates {

  private static final String COLUMNS =
      "id, principal_id, mandatary_email, mandatary_id, clients, sectors, scopes, starts_on,"
          + " ends_on, state, consent_text_version, consented_at, created_at, ended_at, ended_by";

  private final JdbcClient jdbc;

  public JdbcMandates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Mandate m) {
    jdbc.sql(
            "INSERT INTO mandate ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            m.id(),
            m.principal().toString(),
            m.mandataryEmail(),
            m.mandatary().map(CitizenId::toString).orElse(null),
            String.join(" ", m.clients()),
            String.join(" ", m.sectors()),
            m.scopeText(),
            m.startsOn(),
            m.endsOn(),
            m.state().name(),
            m.consentTextVersion(),
            ts(m.consentedAt()),
            ts(m.createdAt()),
            m.endedAt().map(JdbcMandates::ts).orElse(null),
            m.endedBy().orElse(null))
        .update();
  }

  public Optional<Mandate> find(String id) {
    if (id == null || id.length() > 36) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM mandate WHERE id = ?")
        .param(id)
        .query(JdbcMandates::row)
        .optional();
  }

  /** The mandates a citizen gave, newest first. */
  public List<Mandate> givenBy(CitizenId principal) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM mandate WHERE principal_id = ? ORDER BY created_at DESC")
        .param(principal.toString())
        .query(JdbcMandates::row)
        .list();
  }

  /**
   * The mandates a citizen received: accepted by them, or proposed to their (normalised) address.
   */
  public List<Mandate> receivedBy(CitizenId mandatary, String normalizedEmail) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM mandate WHERE mandatary_id = ?"
                + " OR (mandatary_id IS NULL AND mandatary_email = ?) ORDER BY created_at DESC")
        .params(mandatary.toString(), normalizedEmail)
        .query(JdbcMandates::row)
        .list();
  }

  /** Accepted mandates of a mandatary (dates not applied). */
  public List<Mandate> acceptedFor(CitizenId mandatary) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM mandate WHERE mandatary_id = ? AND state = 'ACCEPTED'")
        .param(mandatary.toString())
        .query(JdbcMandates::row)
        .list();
  }

  /** Accepted mandates whose end date is before {@code today} (a batch). */
  public List<Mandate> acceptedEndingBefore(LocalDate today, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM mandate WHERE state = 'ACCEPTED' AND ends_on < ? ORDER BY ends_on LIMIT "
                + limit)
        .param(today)
        .query(JdbcMandates::row)
        .list();
  }

  /** PROPOSED -> ACCEPTED by {@code mandatary}; false when it was not proposed any more. */
  public boolean accept(String id, CitizenId mandatary, Instant now) {
    return jdbc.sql(
                "UPDATE mandate SET state = 'ACCEPTED', mandatary_id = ?, accepted_at = ?"
                    + " WHERE id = ? AND state = 'PROPOSED'")
            .params(mandatary.toString(), ts(now), id)
            .update()
        == 1;
  }

  /** PROPOSED -> REFUSED; false when it was not proposed any more. */
  public boolean refuse(String id, CitizenId mandatary, Instant now) {
    return jdbc.sql(
                "UPDATE mandate SET state = 'REFUSED', mandatary_id = ?, ended_at = ?,"
                    + " ended_by = 'MANDATARY' WHERE id = ? AND state = 'PROPOSED'")
            .params(mandatary.toString(), ts(now), id)
            .update()
        == 1;
  }

  /** PROPOSED or ACCEPTED -> ENDED; false when it had already ended. */
  public boolean end(String id, String by, Instant now) {
    return jdbc.sql(
                "UPDATE mandate SET state = 'ENDED', ended_at = ?, ended_by = ?"
                    + " WHERE id = ? AND state IN ('PROPOSED', 'ACCEPTED')")
            .params(ts(now), by, id)
            .update()
        == 1;
  }

  private static Mandate row(ResultSet rs, int n) throws SQLException {
    return new Mandate(
        rs.getString("id"),
        CitizenId.parse(rs.getString("principal_id")),
        rs.getString("mandatary_email"),
        Optional.ofNullable(rs.getString("mandatary_id")).map(CitizenId::parse),
        words(rs.getString("clients")),
        words(rs.getString("sectors")),
        new LinkedHashSet<>(words(rs.getString("scopes"))),
        rs.getObject("starts_on", LocalDate.class),
        rs.getObject("ends_on", LocalDate.class),
        MandateState.valueOf(rs.getString("state")),
        rs.getString("consent_text_version"),
        instant(rs, "consented_at"),
        instant(rs, "created_at"),
        Optional.ofNullable(instant(rs, "ended_at")),
        Optional.ofNullable(rs.getString("ended_by")));
  }

  private static List<String> words(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.trim().split("\\s+")).toList();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
