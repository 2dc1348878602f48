package ca.idnum.auth.citizen;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OpenID Provider may release about a citizen, claim by claim (OIDC Core §5.1 names).
 * Absent values are empty, never blank strings.
 */
public record CitizenProfile(
    CitizenId id,
    String email,
    boolean emailVerified,
    Optional<String> givenName,
    Optional<String> familyName,
    Optional<LocalDate> birthdate,
    Optional<String> phoneNumber,
    boolean phoneNumberVerified,
    Optional<String> locale,
    Optional<PostalAddress> address) {

  public CitizenProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(birthdate, "birthdate");
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(address, "address");
  }
}
