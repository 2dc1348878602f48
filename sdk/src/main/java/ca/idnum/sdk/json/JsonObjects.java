package ca.idnum.sdk.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;

/**
 * JSON objects parsed from text that came from outside (a request body, a server's answer, a
 * decrypted payload). Nimbus's {@link JSONObjectUtils#parse(String, int)} returns {@code null}
 * instead of failing for some text that is no JSON object at all (a lone byte-order mark, found by
 * fuzzing): here every such text is a {@link ParseException}, like any other malformed JSON.
 */
public final class JsonObjects {

  private JsonObjects() {}

  /** The JSON object in {@code json}, never {@code null}. */
  public static Map<String, Object> parse(String json) throws ParseException {
    return parse(json, -1);
  }

  /**
   * The JSON object in {@code json}, never {@code null}; text longer than {@code sizeLimit}
   * characters is refused unread ({@code -1}: no limit).
   */
  public static Map<String, Object> parse(String json, int sizeLimit) throws ParseException {
    Map<String, Object> object = JSONObjectUtils.parse(json, sizeLimit);
    if (object == null) {
      throw new ParseException("Invalid JSON object", 0);
    }
    return object;
  }
}
