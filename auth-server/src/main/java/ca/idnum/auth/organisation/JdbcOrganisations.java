package ca.idnum.auth.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Organisations and representatives in the database (Flyway V7). */
public final class JdbcOrganisations {

  /** A representative as stored: by normalised e-mail address. */
  public record Representative(String organisationId, String email, Role role, Instant addedAt) {}

  /** An organisation with the role a citizen has in it. */
  public record Membership(Organisation organisation, Role role) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcOrganisations(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Stores a new organisation with its first administrator; false when the NEQ is taken. */
  public boolean create(Organisation organisation, String administratorEmail) {
    Boolean created =
        transactions.execute(
            status -> {
              if (findByNeq(organisation.neq()).isPresent()) {
                return false;
              }
              jdbc.sql("INSERT INTO organisation (id, neq, name, created_at) VALUES (?, ?, ?, ?)")
                  .params(
                      organisation.id(),
                      organisation.neq().value(),
                      organisation.name(),
                      ts(organisation.createdAt()))
                  .update();
              insertRepresentative(
                  organisation.id(),
                  administratorEmail,
                  Role.ADMINISTRATOR,
                  organisation.createdAt(),
                  null);
              return true;
            });
    return Boolean.TRUE.equals(created);
  }

  public Optional<Organisation> find(String id) {
    if (id == null || id.length() > 36) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT id, neq, name, created_at FROM organisation WHERE id = ?")
        .param(id)
        .query(JdbcOrganisations::organisation)
        .optional();
  }

  public Optional<Organisation> findByNeq(Neq neq) {
    return jdbc.sql("SELECT id, neq, name, created_at FROM organisation WHERE neq = ?")
        .param(neq.value())
        .query(JdbcOrganisations::organisation)
        .optional();
  }

  /** The organisations an address represents, by name. */
  public List<Membership> of(String normalizedEmail) {
    return jdbc.sql(
            "SELECT o.id, o.neq, o.name, o.created_at, r.role FROM organisation o"
                + " JOIN organisation_representative r ON r.organisation_id = o.id"
                + " WHERE r.email = ? ORDER BY o.name")
        .param(normalizedEmail)
        .query((rs, n) -> new Membership(organisation(rs, n), Role.valueOf(rs.getString("role"))))
        .list();
  }

  public Optional<Role> role(String organisationId, String normalizedEmail) {
    return jdbc.sql(
            "SELECT role FROM organisation_representative WHERE organisation_id = ? AND email = ?")
        .params(organisationId, normalizedEmail)
        .query((rs, n) -> Role.valueOf(rs.getString(1)))
        .optional();
  }

  public List<Representative> representatives(String organisationId) {
    return jdbc.sql(
            "SELECT organisation_id, email, role, added_at FROM organisation_representative"
                + " WHERE organisation_id = ? ORDER BY email")
        .param(organisationId)
        .query(
            (rs, n) ->
                new Representative(
                    rs.getString(1),
                    rs.getString(2),
                    Role.valueOf(rs.getString(3)),
                    rs.getObject(4, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Adds a representative; false when the address already represents the organisation. */
  public boolean add(String organisationId, String email, Role role, Instant now, String by) {
    if (role(organisationId, email).isPresent()) {
      return false;
    }
    insertRepresentative(organisationId, email, role, now, by);
    return true;
  }

  public boolean remove(String organisationId, String email) {
    return jdbc.sql(
                "DELETE FROM organisation_representative WHERE organisation_id = ? AND email = ?")
            .params(organisationId, email)
            .update()
        == 1;
  }

  public int administrators(String organisationId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM organisation_representative WHERE organisation_id = ?"
                + " AND role = 'ADMINISTRATOR'")
        .param(organisationId)
        .query(Integer.class)
        .single();
  }

  private void insertRepresentative(
      String organisationId, String email, Role role, Instant now, String by) {
    jdbc.sql(
            "INSERT INTO organisation_representative (organisation_id, email, role, added_at,"
                + " added_by) VALUES (?, ?, ?, ?, ?)")
        .params(organisationId, email, role.name(), ts(now), by)
        .update();
  }

  private static Organisation organisation(ResultSet rs, int n) throws SQLException {
    return new Organisation(
        rs.getString("id"),
        new Neq(rs.getString("neq")),
        rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
