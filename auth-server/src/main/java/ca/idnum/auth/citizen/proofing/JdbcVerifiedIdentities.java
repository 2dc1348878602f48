package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.proofing.register.DocumentType;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link VerifiedIdentities} in table {@code citizen_verified_identity} (Flyway V4); the same SQL
 * on H2 and PostgreSQL. Unique constraints make one identity (document number) verifiable by one
 * account only.
 */
public final class JdbcVerifiedIdentities implements VerifiedIdentities {

  private static final String COLUMNS =
      "citizen_id, given_name, family_name, birthdate, health_insurance_number,"
          + " driving_licence_number, register_id, register_name, record_type, register_txn,"
          + " verified_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcVerifiedIdentities(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public Optional<VerifiedIdentity> find(CitizenId citizen) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM citizen_verified_identity WHERE citizen_id = ?")
        .param(citizen.value())
        .query(JdbcVerifiedIdentities::map)
        .optional();
  }

  @Override
  public SaveResult save(VerifiedIdentity v) {
    try {
      return transactions.execute(
          status -> {
            if (find(v.citizen()).isPresent()) {
              return SaveResult.ALREADY_VERIFIED;
            }
            jdbc.sql(
                    "INSERT INTO citizen_verified_identity ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(v.citizen().value())
                .param(v.givenName())
                .param(v.familyName())
                .param(Date.valueOf(v.birthdate()))
                .param(v.healthInsuranceNumber().orElse(null))
                .param(v.drivingLicenceNumber().orElse(null))
                .param(v.registerId())
                .param(v.registerName())
                .param(v.recordType())
                .param(v.transaction().orElse(null))
                .param(OffsetDateTime.ofInstant(v.verifiedAt(), ZoneOffset.UTC))
                .update();
            jdbc.sql(
                    "UPDATE citizen_account SET given_name = ?, family_name = ?, birthdate = ?,"
                        + " updated_at = ? WHERE id = ?")
                .param(v.givenName())
                .param(v.familyName())
                .param(Date.valueOf(v.birthdate()))
                .param(OffsetDateTime.ofInstant(v.verifiedAt(), ZoneOffset.UTC))
                .param(v.citizen().value())
                .update();
            return SaveResult.SAVED;
          });
    } catch (DuplicateKeyException e) {
      return find(v.citizen()).isPresent()
          ? SaveResult.ALREADY_VERIFIED
          : SaveResult.DOCUMENT_IN_USE;
    }
  }

  private static VerifiedIdentity map(ResultSet rs, int row) throws SQLException {
    Map<DocumentType, String> documents = new EnumMap<>(DocumentType.class);
    String health = rs.getString("health_insurance_number");
    if (health != null) {
      documents.put(DocumentType.HEALTH_INSURANCE, health);
    }
    String licence = rs.getString("driving_licence_number");
    if (licence != null) {
      documents.put(DocumentType.DRIVING_LICENCE, licence);
    }
    return new VerifiedIdentity(
        new CitizenId(rs.getObject("citizen_id", UUID.class)),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getDate("birthdate").toLocalDate(),
        documents,
        rs.getString("register_id"),
        rs.getString("register_name"),
        rs.getString("record_type"),
        Optional.ofNullable(rs.getString("register_txn")),
        rs.getObject("verified_at", OffsetDateTime.class).toInstant());
  }
}
