package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.AlgorithmNotAllowed;
import ca.idnum.sdk.sdjwt.SdJwtError.InvalidSignature;
import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import ca.idnum.sdk.sdjwt.SdJwtError.WrongType;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

/** A compact JWS parsed once: header, payload object, signing input, signature (internal). */
record Jws(
    Part part,
    JWSHeader header,
    Map<String, Object> payload,
    String signingInput,
    Base64URL signatureB64,
    byte[] signature) {

  static Jws parse(String compact, Part part, Set<JWSAlgorithm> allowed) throws SdJwtException {
    return parse(compact, part, allowed, null);
  }

  /**
   * Like {@link #parse(String, Part, Set)}, reusing {@code knownPayload} (the already decoded JSON
   * of the same base64url payload, as when the signatures of a General JWS JSON Serialization share
   * one payload) instead of decoding it again; {@code null} decodes it.
   */
  static Jws parse(
      String compact, Part part, Set<JWSAlgorithm> allowed, Map<String, Object> knownPayload)
      throws SdJwtException {
    int d1 = compact.indexOf('.');
    int d2 = d1 < 0 ? -1 : compact.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 < 0 || compact.indexOf('.', d2 + 1) >= 0) {
      throw malformed(part, "not a compact JWS");
    }
    String h = compact.substring(0, d1);
    String p = compact.substring(d1 + 1, d2);
    String s = compact.substring(d2 + 1);
    Map<String, Object> headerJson;
    Map<String, Object> payload;
    byte[] signature;
    try {
      headerJson = Json.parseObject(new String(Json.unb64(h), StandardCharsets.UTF_8));
      payload =
          knownPayload != null
              ? knownPayload
              : Json.parseObject(new String(Json.unb64(p), StandardCharsets.UTF_8));
      signature = Json.unb64(s);
    } catch (ParseException | IllegalArgumentException e) {
      throw malformed(part, "header, payload or signature is not base64url JSON");
    }
    if (headerJson == null || payload == null) {
      throw malformed(part, "header and payload must be JSON objects");
    }
    if (!(headerJson.get("alg") instanceof String alg)) {
      throw malformed(part, "no alg");
    }
    JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
    if (!allowed.contains(algorithm)) {
      throw new SdJwtException(new AlgorithmNotAllowed(part, alg));
    }
    JWSHeader header;
    try {
      header = JWSHeader.parse(headerJson, new Base64URL(h));
    } catch (ParseException | RuntimeException e) {
      throw malformed(part, "invalid JWS header");
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw malformed(part, "unsupported crit header parameters");
    }
    if (signature.length == 0) {
      throw malformed(part, "empty signature");
    }
    return new Jws(part, header, payload, compact.substring(0, d2), new Base64URL(s), signature);
  }

  /** Checks {@code typ} against accepted media types (RFC 7515 §4.1.9 comparison rules). */
  void checkType(Set<String> accepted) throws SdJwtException {
    if (accepted.isEmpty()) {
      return;
    }
    String typ = header.getType() == null ? null : header.getType().getType();
    String normalized = typ == null ? null : normalizeType(typ);
    for (String a : accepted) {
      if (normalizeType(a).equals(normalized)) {
        return;
      }
    }
    throw new SdJwtException(new WrongType(part, typ));
  }

  static String normalizeType(String typ) {
    String t = typ.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("application/") ? t.substring("application/".length()) : t;
  }

  void verify(PublicKey key) throws SdJwtException {
    boolean ok;
    try {
      JWSAlgorithm alg = header.getAlgorithm();
      byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
      if (JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECPublicKey ec) {
        ok = new ECDSAVerifier(ec).verify(header, input, signatureB64);
      } else if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAPublicKey rsa) {
        ok = new RSASSAVerifier(rsa).verify(header, input, signatureB64);
      } else if ((JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg))
          && "Ed25519".equals(edName(key))) {
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(key);
        v.update(input);
        ok = v.verify(signature);
      } else {
        ok = false;
      }
    } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new SdJwtException(new InvalidSignature(part));
    }
  }

  private static String edName(PublicKey key) {
    if (key instanceof java.security.interfaces.EdECPublicKey ed) {
      return ed.getParams().getName();
    }
    return "";
  }

  static SdJwtException malformed(Part part, String detail) {
    return new SdJwtException(new Malformed(part, detail));
  }
}
