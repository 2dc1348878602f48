package ca.idnum.auth.oidc.dpop;

import ca.idnum.auth.oidc.keys.ServerSecrets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Server-provided DPoP nonces (RFC 9449 §8), stateless and valid on every node: a nonce is the time
 * window number and its HMAC under a shared server secret. A nonce is accepted during its window
 * and the next one (60 to 120 s).
 */
@Component
public class DPoPNonces {

  static final long WINDOW_SECONDS = 60;

  private final SecretKeySpec key;
  private final Clock clock;

  public DPoPNonces(ServerSecrets secrets, Clock oidcClock) {
    this.key = new SecretKeySpec(secrets.get("dpop-nonce-key"), "HmacSHA256");
    this.clock = oidcClock;
  }

  /** A nonce for the current window. */
  public String current() {
    return nonce(window());
  }

  /** Whether {@code nonce} was issued in the current or the previous window. */
  public boolean isValid(String nonce) {
    if (nonce == null || nonce.length() > 100) {
      return false;
    }
    long window = window();
    return constantTimeEquals(nonce, nonce(window)) || constantTimeEquals(nonce, nonce(window - 1));
  }

  private long window() {
    return clock.instant().getEpochSecond() / WINDOW_SECONDS;
  }

  private String nonce(long window) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] windowBytes = ByteBuffer.allocate(8).putLong(window).array();
      byte[] tag = Arrays.copyOf(mac.doFinal(windowBytes), 16);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(ByteBuffer.allocate(24).put(windowBytes).put(tag).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
