package ca.idnum.sdk.statuslist;

import java.util.Base64;

/** Strict base64url without padding (Token Status List draft §3 "base64url", RFC 7515 §2). */
final class Base64Url {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes base64url; refuses padding, characters outside the URL-safe alphabet and impossible
   * lengths.
   */
  static byte[] decode(String text) throws StatusListException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw malformed(
            c == '=' ? "padding is not allowed" : "character at offset " + i + " is not base64url");
      }
    }
    if (text.length() % 4 == 1) {
      throw malformed("the length " + text.length() + " is impossible");
    }
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("undecodable");
    }
  }

  private static StatusListException malformed(String reason) {
    return new StatusListException(new StatusListError.MalformedBase64(reason));
  }
}
