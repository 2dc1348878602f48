package ca.idnum.auth.citizen.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Eight-digit one-time codes sent by email (registration, password reset). Only a digest of the
 * code, bound to the row that holds it, is stored; codes expire within minutes and allow a few
 * attempts, which is what protects them (an 8-digit code is not meant to resist an offline search).
 * Comparison is constant-time.
 */
public final class OneTimeCode {

  public static final int DIGITS = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private OneTimeCode() {}

  /** A new random code, {@value #DIGITS} decimal digits. */
  public static String generate() {
    StringBuilder code = new StringBuilder(DIGITS);
    for (int i = 0; i < DIGITS; i++) {
      code.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return code.toString();
  }

  /**
   * The code as typed, with spaces and hyphens removed, or empty when it is not {@value #DIGITS}
   * ASCII digits.
   */
  public static Optional<String> parse(String typed) {
    if (typed == null || typed.length() > 32) {
      return Optional.empty();
    }
    String code = typed.replace(" ", "").replace("-", "").replace("\u00a0", "");
    if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(code);
  }

  /** Hex SHA-256 of the holder row's id and the code. */
  public static String digest(UUID holder, String code) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(holder.toString().getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) ':');
      sha256.update(code.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Whether the code matches the stored digest, in constant time. */
  public static boolean matches(UUID holder, String code, String storedDigest) {
    byte[] expected = storedDigest.getBytes(StandardCharsets.US_ASCII);
    byte[] actual = digest(holder, code).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }
}
