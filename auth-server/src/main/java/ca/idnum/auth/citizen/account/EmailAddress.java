package ca.idnum.auth.citizen.account;

import java.util.Locale;
import java.util.Optional;

/**
 * An email address as a citizen typed it ({@link #value()}, trimmed) and its normalised form
 * ({@link #normalized()}, lower case), which is the login and uniqueness key. Only a plausible
 * syntax is checked here (one {@code @}, a dotted domain, no spaces or control characters, RFC 5321
 * lengths): the one-time code sent to the address is what proves it.
 */
public record EmailAddress(String value, String normalized) {

  public static final int MAX_LENGTH = 254;

  public EmailAddress {
    if (value == null || !plausible(value) || !value.equals(value.strip())) {
      throw new IllegalArgumentException("not a valid email address");
    }
    if (normalized == null || !normalized.equals(normalize(value))) {
      throw new IllegalArgumentException("normalized form does not match the address");
    }
  }

  /** The address, or empty when the text is not a plausible email address. */
  public static Optional<EmailAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (!plausible(trimmed)) {
      return Optional.empty();
    }
    return Optional.of(new EmailAddress(trimmed, normalize(trimmed)));
  }

  /** Parses and throws IllegalArgumentException when invalid (for trusted input: config, tests). */
  public static EmailAddress of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a valid email address"));
  }

  /** The local part (before the {@code @}), lower case. */
  public String localPart() {
    return normalized.substring(0, normalized.indexOf('@'));
  }

  private static boolean plausible(String trimmed) {
    if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
      return false;
    }
    int at = trimmed.indexOf('@');
    if (at <= 0 || at != trimmed.lastIndexOf('@') || at > 64 || at == trimmed.length() - 1) {
      return false;
    }
    String domain = trimmed.substring(at + 1);
    if (!domain.contains(".")
        || domain.startsWith(".")
        || domain.endsWith(".")
        || domain.contains("..")) {
      return false;
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  private static String normalize(String trimmed) {
    return trimmed.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
