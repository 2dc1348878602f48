package ca.idnum.auth.citizen.proofing.register;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a citizen typed to prove their identity, parsed: names (1 to 100 characters, trimmed), birth
 * date, and one document number in canonical form.
 */
public record MatchRequest(
    String givenName,
    String familyName,
    LocalDate birthdate,
    DocumentType documentType,
    String documentNumber) {

  public static final int MAX_NAME_LENGTH = 100;

  public MatchRequest {
    givenName = name(givenName, "givenName");
    familyName = name(familyName, "familyName");
    Objects.requireNonNull(birthdate, "birthdate");
    Objects.requireNonNull(documentType, "documentType");
    documentNumber =
        documentType
            .canonical(documentNumber)
            .orElseThrow(() -> new IllegalArgumentException("invalid document number"));
  }

  private static String name(String value, String what) {
    Objects.requireNonNull(value, what);
    String trimmed = value.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1-" + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }

  /** Never prints the attributes (they identify a person). */
  @Override
  public String toString() {
    return "MatchRequest[" + documentType + "]";
  }
}
