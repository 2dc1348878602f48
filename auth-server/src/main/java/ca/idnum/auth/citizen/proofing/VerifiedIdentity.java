package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.proofing.register.DocumentType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A citizen's identity as verified once against an authoritative register: the canonical attributes
 * the register holds, with their source (register id and name, evidence record type, the register's
 * reference) and the date of the verification.
 */
public record VerifiedIdentity(
    CitizenId citizen,
    String givenName,
    String familyName,
    LocalDate birthdate,
    Map<DocumentType, String> documents,
    String registerId,
    String registerName,
    String recordType,
    Optional<String> transaction,
    Instant verifiedAt) {

  public VerifiedIdentity {
    Objects.requireNonNull(citizen, "citizen");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(birthdate, "birthdate");
    documents = Map.copyOf(documents);
    Objects.requireNonNull(registerId, "registerId");
    Objects.requireNonNull(registerName, "registerName");
    Objects.requireNonNull(recordType, "recordType");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(verifiedAt, "verifiedAt");
  }

  public Optional<String> healthInsuranceNumber() {
    return Optional.ofNullable(documents.get(DocumentType.HEALTH_INSURANCE));
  }

  public Optional<String> drivingLicenceNumber() {
    return Optional.ofNullable(documents.get(DocumentType.DRIVING_LICENCE));
  }

  /** Never prints the attributes. */
  @Override
  public String toString() {
    return "VerifiedIdentity[citizen=" + citizen + ", register=" + registerId + "]";
  }
}
