package ca.idnum.auth.citizen.password;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a new password must meet, after NIST SP 800-63B-4 §3.1.1.2: length only (no composition
 * rules: no required digit, capital or symbol), every printable Unicode character and the space
 * accepted, NFKC normalisation, and a blocklist (common or breached passwords, repetitions and
 * sequences, the account's own email address). Passwords are never truncated.
 */
public final class PasswordPolicy {

  /** Runs of keys that people type as "passwords"; checked forwards and backwards, repeated. */
  private static final List<String> SEQUENCES =
      List.of(
          "abcdefghijklmnopqrstuvwxyz",
          "0123456789",
          "qwertyuiopasdfghjklzxcvbnm",
          "azertyuiopqsdfghjklmwxcvbn",
          "qwertzuiopasdfghjklyxcvbnm",
          "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
          "1q2w3e4r5t6y7u8i9o0p",
          "1a2z3e4r5t6y7u8i9o0p",
          "qazwsxedcrfvtgbyhnujmikolp",
          "!@#$%^&*()");

  private final PasswordProperties properties;
  private final CommonPasswords common;

  public PasswordPolicy(PasswordProperties properties, CommonPasswords common) {
    this.properties = properties;
    this.common = common;
  }

  public int minLength() {
    return properties.minLength();
  }

  public int maxLength() {
    return properties.maxLength();
  }

  /**
   * The violations of a candidate password for the account with this address (empty when it is
   * acceptable). The raw form, as submitted, is normalised here.
   */
  public Set<PasswordViolation> check(String raw, EmailAddress email) {
    Set<PasswordViolation> violations = EnumSet.noneOf(PasswordViolation.class);
    String password = PasswordHasher.normalize(raw == null ? "" : raw);
    int length = password.codePointCount(0, password.length());
    if (length < properties.minLength()) {
      violations.add(PasswordViolation.TOO_SHORT);
    }
    if (length > properties.maxLength()) {
      violations.add(PasswordViolation.TOO_LONG);
      return violations;
    }
    if (!password.codePoints().allMatch(PasswordPolicy::supported)) {
      violations.add(PasswordViolation.UNSUPPORTED_CHARACTER);
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (email != null && mentionsEmail(lower, email)) {
      violations.add(PasswordViolation.CONTAINS_EMAIL);
    }
    String core = stripPadding(lower);
    if (common.contains(lower) || (core.length() >= 4 && common.contains(core))) {
      violations.add(PasswordViolation.COMMON);
    } else if (predictable(lower) || (core.length() >= 4 && predictable(core))) {
      violations.add(PasswordViolation.PREDICTABLE);
    }
    return violations;
  }

  private static boolean supported(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL
        && type != Character.UNASSIGNED
        && type != Character.SURROGATE
        && codePoint != '\u2028'
        && codePoint != '\u2029';
  }

  private static boolean mentionsEmail(String lower, EmailAddress email) {
    String local = email.localPart();
    return lower.contains(email.normalized())
        || lower.equals(local)
        || (local.length() >= 4 && stripPadding(lower).equals(local));
  }

  /** Removes leading and trailing digits, punctuation and spaces ("Password2026!" → "password"). */
  static String stripPadding(String lower) {
    int start = 0;
    int end = lower.length();
    while (start < end && padding(lower.charAt(start))) {
      start++;
    }
    while (end > start && padding(lower.charAt(end - 1))) {
      end--;
    }
    return lower.substring(start, end);
  }

  private static boolean padding(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || (c < 128 && !Character.isLetterOrDigit(c));
  }

  /** One short unit repeated ("aaaa…", "abcabc…"), or a run of a known key sequence. */
  static boolean predictable(String lower) {
    return repetitive(lower) || sequential(lower);
  }

  private static boolean repetitive(String s) {
    int n = s.length();
    for (int period = 1; period <= n / 2; period++) {
      boolean repeats = true;
      for (int i = period; i < n && repeats; i++) {
        repeats = s.charAt(i) == s.charAt(i - period);
      }
      if (repeats) {
        return true;
      }
    }
    return false;
  }

  private static boolean sequential(String s) {
    if (s.length() < 4) {
      return false;
    }
    List<String> candidates = new ArrayList<>();
    for (String sequence : SEQUENCES) {
      String forward = sequence.repeat(2 + s.length() / sequence.length());
      candidates.add(forward);
      candidates.add(new StringBuilder(forward).reverse().toString());
    }
    for (String candidate : candidates) {
      if (candidate.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
