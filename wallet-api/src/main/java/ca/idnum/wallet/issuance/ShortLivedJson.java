package ca.idnum.wallet.issuance;

import ca.idnum.sdk.json.JsonObjects;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/** JSON (de)serialization of the small records kept in the short-lived store. */
final class ShortLivedJson {

  private ShortLivedJson() {}

  static String write(Map<String, ?> value) {
    return JSONObjectUtils.toJSONString(value);
  }

  static Optional<Map<String, Object>> read(Optional<String> stored) {
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonObjects.parse(stored.get()));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
