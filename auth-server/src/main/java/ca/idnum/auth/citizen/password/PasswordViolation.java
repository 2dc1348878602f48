package ca.idnum.auth.citizen.password;

/** Why a new password is refused; each has a message in the bundles ({@link #messageCode()}). */
public enum PasswordViolation {
  /** Fewer code points (after NFKC) than {@code idnum.password.min-length}. */
  TOO_SHORT("password.violation.too-short"),
  /** More code points than {@code idnum.password.max-length}. */
  TOO_LONG("password.violation.too-long"),
  /** A control character, an unassigned code point or a lone surrogate. */
  UNSUPPORTED_CHARACTER("password.violation.unsupported-character"),
  /** On the bundled list of common or breached passwords, possibly padded with digits. */
  COMMON("password.violation.common"),
  /** One short pattern repeated, or a run of alphabet, digit or keyboard keys. */
  PREDICTABLE("password.violation.predictable"),
  /** The account's email address (or its local part). */
  CONTAINS_EMAIL("password.violation.email");

  private final String messageCode;

  PasswordViolation(String messageCode) {
    this.messageCode = messageCode;
  }

  public String messageCode() {
    return messageCode;
  }
}
