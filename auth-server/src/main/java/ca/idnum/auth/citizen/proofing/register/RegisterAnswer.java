package ca.idnum.auth.citizen.proofing.register;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A register's answer to a {@link MatchRequest}: a match with the canonical attributes, or none.
 */
public sealed interface RegisterAnswer {

  /** The register holds no person with these attributes. */
  record NoMatch() implements RegisterAnswer {}

  /**
   * The register holds this person: the attributes as the register holds them (canonical spelling),
   * every document number it holds for them, and its reference for the check.
   */
  record Match(
      String givenName,
      String familyName,
      LocalDate birthdate,
      Map<DocumentType, String> documents,
      Optional<String> transaction)
      implements RegisterAnswer {

    public Match {
      Objects.requireNonNull(givenName, "givenName");
      Objects.requireNonNull(familyName, "familyName");
      Objects.requireNonNull(birthdate, "birthdate");
      documents = Map.copyOf(documents);
      Objects.requireNonNull(transaction, "transaction");
      if (givenName.isBlank()
          || familyName.isBlank()
          || givenName.length() > MatchRequest.MAX_NAME_LENGTH
          || familyName.length() > MatchRequest.MAX_NAME_LENGTH) {
        throw new IllegalArgumentException("names must be 1-100 characters");
      }
      if (documents.isEmpty()) {
        throw new IllegalArgumentException("a match names at least one document number");
      }
    }

    /**
     * Whether this match is about the person asked for: same birth date and the asked document
     * number among the register's. Anything else is a register error, never a verification.
     */
    public boolean answers(MatchRequest request) {
      return birthdate.equals(request.birthdate())
          && request.documentNumber().equals(documents.get(request.documentType()));
    }

    @Override
    public String toString() {
      return "Match[documents=" + documents.keySet() + "]";
    }
  }
}
