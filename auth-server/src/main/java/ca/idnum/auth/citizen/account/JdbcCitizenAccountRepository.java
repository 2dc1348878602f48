package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.PostalAddress;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link CitizenAccountRepository} over JDBC; the same SQL runs on H2 and PostgreSQL. */
@Component
public final class JdbcCitizenAccountRepository implements CitizenAccountRepository {

  private static final String COLUMNS =
      "id, email, email_normalized, email_verified, password_hash, given_name, family_name,"
          + " birthdate, phone_number, phone_number_verified, locale, status, created_at,"
          + " updated_at, address_street, address_locality, address_region, address_postal_code,"
          + " address_country";

  private final JdbcClient jdbc;

  public JdbcCitizenAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<CitizenAccount> findById(CitizenId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM citizen_account WHERE id = ?")
        .param(id.value())
        .query(JdbcCitizenAccountRepository::map)
        .optional();
  }

  @Override
  public Optional<CitizenAccount> findByEmail(EmailAddress email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM citizen_account WHERE email_normalized = ?")
        .param(email.normalized())
        .query(JdbcCitizenAccountRepository::map)
        .optional();
  }

  @Override
  public boolean create(CitizenAccount a) {
    try {
      jdbc.sql(
              "INSERT INTO citizen_account ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .param(a.id().value())
          .param(a.email().value())
          .param(a.email().normalized())
          .param(a.emailVerified())
          .param(a.passwordHash())
          .param(a.givenName())
          .param(a.familyName())
          .param(a.birthdate().map(Date::valueOf).orElse(null))
          .param(a.phoneNumber().orElse(null))
          .param(a.phoneNumberVerified())
          .param(a.locale().orElse(null))
          .param(a.status().name())
          .param(utc(a.createdAt()))
          .param(utc(a.updatedAt()))
          .param(a.address().map(PostalAddress::streetAddress).orElse(null))
          .param(a.address().map(PostalAddress::locality).orElse(null))
          .param(a.address().flatMap(PostalAddress::region).orElse(null))
          .param(a.address().map(PostalAddress::postalCode).orElse(null))
          .param(a.address().map(PostalAddress::country).orElse(null))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public boolean updatePasswordHash(CitizenId id, String passwordHash, Instant now) {
    return jdbc.sql("UPDATE citizen_account SET password_hash = ?, updated_at = ? WHERE id = ?")
            .param(passwordHash)
            .param(utc(now))
            .param(id.value())
            .update()
        == 1;
  }

  @Override
  public boolean updateAddress(CitizenId id, Optional<PostalAddress> address, Instant now) {
    return jdbc.sql(
                "UPDATE citizen_account SET address_street = ?, address_locality = ?,"
                    + " address_region = ?, address_postal_code = ?, address_country = ?,"
                    + " updated_at = ? WHERE id = ?")
            .param(address.map(PostalAddress::streetAddress).orElse(null))
            .param(address.map(PostalAddress::locality).orElse(null))
            .param(address.flatMap(PostalAddress::region).orElse(null))
            .param(address.map(PostalAddress::postalCode).orElse(null))
            .param(address.map(PostalAddress::country).orElse(null))
            .param(utc(now))
            .param(id.value())
            .update()
        == 1;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static CitizenAccount map(ResultSet rs, int row) throws SQLException {
    Date birthdate = rs.getDate("birthdate");
    Optional<LocalDate> birth = Optional.ofNullable(birthdate).map(Date::toLocalDate);
    return new CitizenAccount(
        new CitizenId(rs.getObject("id", UUID.class)),
        new EmailAddress(rs.getString("email"), rs.getString("email_normalized")),
        rs.getBoolean("email_verified"),
        rs.getString("password_hash"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        birth,
        Optional.ofNullable(rs.getString("phone_number")),
        rs.getBoolean("phone_number_verified"),
        Optional.ofNullable(rs.getString("locale")),
        AccountStatus.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        address(rs));
  }

  /** The stored address; a row whose address columns are incomplete has none. */
  private static Optional<PostalAddress> address(ResultSet rs) throws SQLException {
    String street = rs.getString("address_street");
    String locality = rs.getString("address_locality");
    String postalCode = rs.getString("address_postal_code");
    String country = rs.getString("address_country");
    if (street == null || locality == null || postalCode == null || country == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PostalAddress(
            street,
            locality,
            Optional.ofNullable(rs.getString("address_region")),
            postalCode,
            country));
  }
}
