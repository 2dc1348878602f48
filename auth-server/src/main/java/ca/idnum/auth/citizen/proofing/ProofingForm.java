package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.proofing.register.DocumentType;
import ca.idnum.auth.citizen.proofing.register.MatchRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Form-backing object of the identity proofing page; {@link #parse()} validates it. */
public final class ProofingForm {

  /** What the submitted form amounts to. */
  sealed interface Parsed {
    record Valid(MatchRequest request) implements Parsed {}

    record Rejected(List<InputError> errors) implements Parsed {
      public Rejected {
        errors = List.copyOf(errors);
      }
    }
  }

  private String givenName = "";
  private String familyName = "";
  private String birthdate = "";
  private String documentType = DocumentType.HEALTH_INSURANCE.claim();
  private String documentNumber = "";

  static ProofingForm prefilled(String givenName, String familyName) {
    ProofingForm form = new ProofingForm();
    form.givenName = givenName;
    form.familyName = familyName;
    return form;
  }

  Parsed parse() {
    List<InputError> errors = new ArrayList<>();
    name(errors, "givenName", givenName);
    name(errors, "familyName", familyName);
    LocalDate birth = null;
    String date = birthdate == null ? "" : birthdate.strip();
    if (date.isEmpty()) {
      errors.add(InputError.of("birthdate", "proofing.birthdate.required"));
    } else {
      try {
        birth = LocalDate.parse(date);
        if (birth.isBefore(LocalDate.of(1900, 1, 1)) || birth.getYear() > 2100) {
          errors.add(InputError.of("birthdate", "proofing.birthdate.invalid"));
        }
      } catch (DateTimeParseException e) {
        errors.add(InputError.of("birthdate", "proofing.birthdate.invalid"));
      }
    }
    Optional<DocumentType> type = DocumentType.ofClaim(documentType);
    if (type.isEmpty()) {
      errors.add(InputError.of("documentType", "proofing.documentType.required"));
    } else if (documentNumber == null || documentNumber.isBlank()) {
      errors.add(InputError.of("documentNumber", "proofing.documentNumber.required"));
    } else if (type.get().canonical(documentNumber).isEmpty()) {
      errors.add(
          InputError.of("documentNumber", "proofing.documentNumber.invalid." + type.get().claim()));
    }
    if (!errors.isEmpty()) {
      return new Parsed.Rejected(errors);
    }
    return new Parsed.Valid(
        new MatchRequest(givenName, familyName, birth, type.get(), documentNumber));
  }

  private static void name(List<InputError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(InputError.of(field, "proofing." + field + ".required"));
    } else if (value.strip().length() > MatchRequest.MAX_NAME_LENGTH) {
      errors.add(InputError.of(field, "proofing.tooLong", MatchRequest.MAX_NAME_LENGTH));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      errors.add(InputError.of(field, "proofing.invalidCharacters"));
    }
  }

  public String getGivenName() {
    return givenName;
  }

  public void setGivenName(String givenName) {
    this.givenName = givenName;
  }

  public String getFamilyName() {
    return familyName;
  }

  public void setFamilyName(String familyName) {
    this.familyName = familyName;
  }

  public String getBirthdate() {
    return birthdate;
  }

  public void setBirthdate(String birthdate) {
    this.birthdate = birthdate;
  }

  public String getDocumentType() {
    return documentType;
  }

  public void setDocumentType(String documentType) {
    this.documentType = documentType;
  }

  public String getDocumentNumber() {
    return documentNumber;
  }

  public void setDocumentNumber(String documentNumber) {
    this.documentNumber = documentNumber;
  }
}
