package ca.idnum.auth.citizen.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords: HMAC-SHA1, 6 digits, 30-second steps (the parameters
 * every authenticator app supports). A code is accepted in the current step or one step either side
 * (clock drift); which step matched is returned so that the caller can refuse a replay.
 */
public final class Totp {

  public static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;

  /** Steps accepted either side of the current one. */
  public static final int WINDOW = 1;

  private Totp() {}

  /** The time step of an instant (RFC 6238 T, with T0 = 0). */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of one time step (RFC 4226 HOTP over the step counter). */
  public static String code(TotpSecret secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      int otp = binary % 1_000_000;
      return String.format("%06d", otp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /**
   * The step whose code equals {@code code}, within {@link #WINDOW} steps of {@code now}; every
   * candidate is compared in constant time.
   */
  public static OptionalLong matchingStep(TotpSecret secret, String code, Instant now) {
    if (code == null) {
      return OptionalLong.empty();
    }
    String typed = code.replace(" ", "");
    if (!typed.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    byte[] given = typed.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    long found = Long.MIN_VALUE;
    for (long s = current - WINDOW; s <= current + WINDOW; s++) {
      byte[] expected = code(secret, s).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given) && found == Long.MIN_VALUE) {
        found = s;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /** The {@code otpauth://} URI authenticator apps read from the QR code. */
  public static String otpauthUri(TotpSecret secret, String issuer, String account) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret.base32()
        + "&issuer="
        + enc(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP_SECONDS;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
