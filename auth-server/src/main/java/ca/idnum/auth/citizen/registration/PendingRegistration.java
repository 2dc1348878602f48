package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A registration waiting for the one-time code sent to its address. */
public record PendingRegistration(
    UUID id,
    EmailAddress email,
    String passwordHash,
    String givenName,
    String familyName,
    Optional<String> locale,
    String codeDigest,
    int attempts,
    Instant expiresAt,
    Instant createdAt) {

  public PendingRegistration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(codeDigest, "codeDigest");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "PendingRegistration[id=" + id + "]";
  }
}
