package ca.idnum.auth.organisation;

import java.util.Optional;

/** A Quebec enterprise number (numéro d'entreprise du Québec): ten digits. */
public record Neq(String value) {

  public Neq {
    if (value == null || !value.matches("[0-9]{10}")) {
      throw new IllegalArgumentException("a NEQ is ten digits");
    }
  }

  public static Optional<Neq> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String digits = text.replace(" ", "");
    return digits.matches("[0-9]{10}") ? Optional.of(new Neq(digits)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
