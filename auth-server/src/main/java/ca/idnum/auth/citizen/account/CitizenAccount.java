package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import ca.idnum.auth.citizen.PostalAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A citizen account as stored. The password hash never leaves the accounts feature. */
public record CitizenAccount(
    CitizenId id,
    EmailAddress email,
    boolean emailVerified,
    String passwordHash,
    String givenName,
    String familyName,
    Optional<LocalDate> birthdate,
    Optional<String> phoneNumber,
    boolean phoneNumberVerified,
    Optional<String> locale,
    AccountStatus status,
    Instant createdAt,
    Instant updatedAt,
    Optional<PostalAddress> address) {

  public static final int MAX_NAME_LENGTH = 100;

  public CitizenAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    requireName(givenName, "givenName");
    requireName(familyName, "familyName");
    Objects.requireNonNull(birthdate, "birthdate");
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(address, "address");
  }

  /** An account without a postal address. */
  public CitizenAccount(
      CitizenId id,
      EmailAddress email,
      boolean emailVerified,
      String passwordHash,
      String givenName,
      String familyName,
      Optional<LocalDate> birthdate,
      Optional<String> phoneNumber,
      boolean phoneNumberVerified,
      Optional<String> locale,
      AccountStatus status,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        email,
        emailVerified,
        passwordHash,
        givenName,
        familyName,
        birthdate,
        phoneNumber,
        phoneNumberVerified,
        locale,
        status,
        createdAt,
        updatedAt,
        Optional.empty());
  }

  /** A new, active account with a verified address, created now. */
  public static CitizenAccount newVerified(
      CitizenId id,
      EmailAddress email,
      String passwordHash,
      String givenName,
      String familyName,
      Optional<String> locale,
      Instant now) {
    return new CitizenAccount(
        id,
        email,
        true,
        passwordHash,
        givenName,
        familyName,
        Optional.empty(),
        Optional.empty(),
        false,
        locale,
        AccountStatus.ACTIVE,
        now,
        now);
  }

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }

  /** What the OpenID Provider may release. */
  public CitizenProfile toProfile() {
    return new CitizenProfile(
        id,
        email.value(),
        emailVerified,
        Optional.of(givenName),
        Optional.of(familyName),
        birthdate,
        phoneNumber,
        phoneNumberVerified,
        locale,
        address);
  }

  private static void requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
  }

  @Override
  public String toString() {
    return "CitizenAccount[id=" + id + ", status=" + status + "]";
  }
}
