package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import com.nimbusds.jose.JOSEException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds arbitrary (possibly invalid) SD-JWTs for rejection tests. */
final class Forge {
  private Forge() {}

  static String jws(Map<String, Object> header, Map<String, Object> payload, TestKey key) {
    String input = Json.b64(Json.write(header)) + "." + Json.b64(Json.write(payload));
    try {
      com.nimbusds.jose.JWSHeader h = com.nimbusds.jose.JWSHeader.parse(header);
      return input + "." + key.signer().sign(h, input.getBytes(StandardCharsets.US_ASCII));
    } catch (JOSEException | java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> header(TestKey key, String typ) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", key.algorithm().getName());
    if (typ != null) {
      h.put("typ", typ);
    }
    return h;
  }

  static String sdJwt(String jwt, List<Disclosure> disclosures) {
    return new SdJwt(jwt, disclosures, null).serialize();
  }

  static String digest(Disclosure d) {
    return d.digest(HashAlgorithm.SHA_256);
  }
}
