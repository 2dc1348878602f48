package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.json.JsonObjects;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** JSON and base64url helpers shared by the SD-JWT roles (package-private). */
final class Json {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private Json() {}

  static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return B64.encodeToString(b);
  }

  /** Strict base64url decoding: no padding, no characters outside the URL-safe alphabet. */
  static byte[] unb64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("not base64url");
      }
    }
    if (s.length() % 4 == 1) {
      throw new IllegalArgumentException("not base64url");
    }
    return B64D.decode(s);
  }

  /**
   * The nesting depth of objects and arrays in {@code json}, counted without parsing (strings and
   * escapes skipped), so that hostile input is refused before a recursive parser sees it.
   */
  static int depth(String json) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
        max = Math.max(max, depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return max;
  }

  static String write(Map<String, ?> object) {
    return JSONObjectUtils.toJSONString(object);
  }

  static String write(List<?> array) {
    return JSONArrayUtils.toJSONString(array);
  }

  static Map<String, Object> parseObject(String json) throws ParseException {
    try {
      return JsonObjects.parse(json);
    } catch (RuntimeException | StackOverflowError e) {
      throw new ParseException("invalid JSON object", 0);
    }
  }

  static List<Object> parseArray(String json) throws ParseException {
    try {
      List<Object> list = JSONArrayUtils.parse(json);
      if (list == null) {
        throw new ParseException("invalid JSON array", 0);
      }
      return list;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ParseException("invalid JSON array", 0);
    }
  }
}
