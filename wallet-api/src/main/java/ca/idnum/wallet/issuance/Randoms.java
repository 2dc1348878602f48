package ca.idnum.wallet.issuance;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values: codes, tokens and nonces with 256 bits, numeric transaction codes. */
final class Randoms {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {}

  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String digits(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return s.toString();
  }
}
