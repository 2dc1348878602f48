package ca.idnum.auth.citizen.proofing.register;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifying document number a citizen gives beside names and birth date, as named on the
 * register's HTTP contract. Numbers are compared in a canonical form: upper case, without spaces or
 * hyphens.
 */
public enum DocumentType {
  /** Health-insurance number (Quebec: 4 letters, 8 digits, e.g. TREC 8554 1219). */
  HEALTH_INSURANCE("health_insurance_number", Pattern.compile("[A-Z]{4}[0-9]{8}")),
  /** Driver's licence number (Quebec: a letter and 12 digits, e.g. T6523-120485-09). */
  DRIVING_LICENCE("driving_licence_number", Pattern.compile("[A-Z][0-9]{12}"));

  private final String claim;
  private final Pattern canonical;

  DocumentType(String claim, Pattern canonical) {
    this.claim = claim;
    this.canonical = canonical;
  }

  /** The claim (and contract) name of this number. */
  public String claim() {
    return claim;
  }

  /** The document type named {@code claim} on the contract. */
  public static Optional<DocumentType> ofClaim(String claim) {
    return Arrays.stream(values()).filter(t -> t.claim.equals(claim)).findFirst();
  }

  /** The canonical form of a number as typed, or empty when it is not a number of this type. */
  public Optional<String> canonical(String typed) {
    if (typed == null || typed.length() > 40) {
      return Optional.empty();
    }
    String number = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    return canonical.matcher(number).matches() ? Optional.of(number) : Optional.empty();
  }
}
