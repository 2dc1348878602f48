package ca.idnum.auth.citizen.mfa;

import java.security.SecureRandom;
import java.util.Arrays;

/** A TOTP shared secret (160 bits, as RFC 4226 recommends). {@link #toString()} never shows it. */
public final class TotpSecret {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private TotpSecret(byte[] bytes) {
    if (bytes.length < 16 || bytes.length > 64) {
      throw new IllegalArgumentException("TOTP secret must be 16 to 64 bytes");
    }
    this.bytes = bytes.clone();
  }

  public static TotpSecret generate() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return new TotpSecret(b);
  }

  public static TotpSecret of(byte[] bytes) {
    return new TotpSecret(bytes);
  }

  /** From the base32 text an authenticator app shows (spaces and case ignored). */
  public static TotpSecret fromBase32(String text) {
    return new TotpSecret(Base32.decode(text));
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** The key as base32, for the manual entry in an authenticator app. */
  public String base32() {
    return Base32.encode(bytes);
  }

  /** The key in groups of four characters, easier to type. */
  public String grouped() {
    String b = base32();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(b, i, Math.min(b.length(), i + 4));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TotpSecret other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "TotpSecret[redacted]";
  }
}
