package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Disclosure (RFC 9901 §4.2): the base64url encoding of {@code [salt, name, value]} for an object
 * property (§4.2.1) or {@code [salt, value]} for an array element (§4.2.2). The encoded string is
 * kept exactly as received because the digest is computed over it (§4.2.3).
 *
 * @param encoded the Disclosure exactly as serialized
 * @param salt the salt
 * @param claimName the claim name, or {@code null} for an array element Disclosure
 * @param claimValue the claim value as parsed JSON (String, Number, Boolean, Map, List or null)
 */
public record Disclosure(String encoded, String salt, String claimName, Object claimValue) {

  /** Validates the components. */
  public Disclosure {
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(salt, "salt");
  }

  /** Whether this Disclosure is for an array element (§4.2.2). */
  public boolean isArrayElement() {
    return claimName == null;
  }

  /** The digest of this Disclosure (§4.2.3). */
  public String digest(HashAlgorithm algorithm) {
    return algorithm.digest(encoded);
  }

  /** Creates an object property Disclosure (§4.2.1). */
  public static Disclosure ofProperty(String salt, String name, Object value) {
    Objects.requireNonNull(name, "name");
    List<Object> array = new ArrayList<>(3);
    array.add(salt);
    array.add(name);
    array.add(value);
    return new Disclosure(Json.b64(Json.write(array)), salt, name, value);
  }

  /** Creates an array element Disclosure (§4.2.2). */
  public static Disclosure ofArrayElement(String salt, Object value) {
    List<Object> array = new ArrayList<>(2);
    array.add(salt);
    array.add(value);
    return new Disclosure(Json.b64(Json.write(array)), salt, null, value);
  }

  /**
   * Decodes a Disclosure (§4.2, §7.1 step 3): base64url, a JSON array of two or three elements, a
   * string salt and a string claim name.
   */
  public static Disclosure parse(String encoded) throws SdJwtException {
    byte[] bytes;
    try {
      bytes = Json.unb64(encoded);
    } catch (IllegalArgumentException e) {
      throw malformed("not base64url");
    }
    List<Object> array;
    try {
      array = Json.parseArray(new String(bytes, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw malformed("not a JSON array");
    }
    if (array.size() != 2 && array.size() != 3) {
      throw malformed("must have 2 or 3 elements");
    }
    if (!(array.get(0) instanceof String salt)) {
      throw malformed("salt must be a string");
    }
    if (array.size() == 2) {
      return new Disclosure(encoded, salt, null, array.get(1));
    }
    if (!(array.get(1) instanceof String name)) {
      throw malformed("claim name must be a string");
    }
    return new Disclosure(encoded, salt, name, array.get(2));
  }

  private static SdJwtException malformed(String detail) {
    return new SdJwtException(new Malformed(Part.DISCLOSURE, detail));
  }
}
