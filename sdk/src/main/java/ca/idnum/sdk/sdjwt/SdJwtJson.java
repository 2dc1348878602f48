package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.Limit;
import ca.idnum.sdk.sdjwt.SdJwtError.LimitExceeded;
import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An SD-JWT or SD-JWT+KB in JWS JSON Serialization (RFC 9901 §8, RFC 7515 §7.2): the payload, one
 * or more signatures, the Disclosures and the Key Binding JWT, which travel in the unprotected
 * header of the first signature as {@code disclosures} and {@code kb_jwt} (§8.1, §8.3).
 *
 * <p>Flattened (§8.2) and General (§8.3) JSON Serialization are both parsed by {@link
 * #parse(String, SdJwtLimits)} and written by {@link #serializeFlattened()} and {@link
 * #serializeGeneral()}. {@link #toCompact()} gives the compact SD-JWT with the first signature:
 * that is the string over which {@code sd_hash} is computed (§8.1) and the form the {@link
 * SdJwtVerifier} processes, so both serializations share one verification logic.
 *
 * @param payload the JWS Payload, base64url, exactly as received
 * @param signatures the signatures, at least one; the first carries the Disclosures and KB-JWT
 * @param disclosures the Disclosures, kept as received (§4.2.3)
 * @param keyBindingJwt the Key Binding JWT, or {@code null} for an SD-JWT without Key Binding
 */
public record SdJwtJson(
    String payload,
    List<Signature> signatures,
    List<Disclosure> disclosures,
    String keyBindingJwt) {

  /** Name of the unprotected header parameter carrying the Disclosures (§8.1). */
  public static final String DISCLOSURES = "disclosures";

  /** Name of the unprotected header parameter carrying the Key Binding JWT (§8.1). */
  public static final String KB_JWT = "kb_jwt";

  /** Header parameters that must be integrity protected, never in an unprotected header. */
  private static final Set<String> PROTECTED_ONLY = Set.of("alg", "typ", "crit", "b64");

  /**
   * One signature of the JWS JSON Serialization (RFC 7515 §7.2.1).
   *
   * @param protectedHeader the JWS Protected Header, base64url, exactly as received
   * @param header the other parameters of the JWS Unprotected Header (for example {@code kid}),
   *     without {@code disclosures} and {@code kb_jwt}; not integrity protected
   * @param signature the JWS Signature, base64url
   */
  public record Signature(String protectedHeader, Map<String, Object> header, String signature) {
    /** Validates and copies; the unprotected header must not carry the SD-JWT parameters. */
    public Signature {
      Objects.requireNonNull(protectedHeader, "protectedHeader");
      Objects.requireNonNull(signature, "signature");
      header = header == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(header));
      if (header.containsKey(DISCLOSURES) || header.containsKey(KB_JWT)) {
        throw new IllegalArgumentException("disclosures and kb_jwt are members of SdJwtJson");
      }
    }

    /** The compact JWS {@code <protected>.<payload>.<signature>} for {@code payload}. */
    String compact(String payload) {
      return protectedHeader + '.' + payload + '.' + signature;
    }
  }

  /** Validates and copies. */
  public SdJwtJson {
    Objects.requireNonNull(payload, "payload");
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("at least one signature");
    }
    disclosures = List.copyOf(disclosures);
    if (keyBindingJwt != null && keyBindingJwt.isEmpty()) {
      keyBindingJwt = null;
    }
  }

  /** The JSON form of a compact SD-JWT or SD-JWT+KB: one signature, no other header parameter. */
  public static SdJwtJson fromCompact(SdJwt sdJwt) {
    String jwt = sdJwt.issuerSignedJwt();
    int d1 = jwt.indexOf('.');
    int d2 = d1 < 0 ? -1 : jwt.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 < 0 || jwt.indexOf('.', d2 + 1) >= 0) {
      throw new IllegalArgumentException("the Issuer-signed JWT is not a compact JWS");
    }
    return new SdJwtJson(
        jwt.substring(d1 + 1, d2),
        List.of(new Signature(jwt.substring(0, d1), Map.of(), jwt.substring(d2 + 1))),
        sdJwt.disclosures(),
        sdJwt.keyBindingJwt());
  }

  /** Whether a Key Binding JWT is attached. */
  public boolean hasKeyBinding() {
    return keyBindingJwt != null;
  }

  /**
   * The compact SD-JWT (or SD-JWT+KB) with the first signature: {@code
   * <protected>.<payload>.<signature>~<D1>~...~<Dn>~[<KB-JWT>]}. Without its KB-JWT this is the
   * input of {@code sd_hash} (§8.1).
   */
  public SdJwt toCompact() {
    return toCompact(0);
  }

  /** The compact SD-JWT with the signature at {@code index} and the same Disclosures and KB-JWT. */
  public SdJwt toCompact(int index) {
    return new SdJwt(signatures.get(index).compact(payload), disclosures, keyBindingJwt);
  }

  /** This SD-JWT with other Disclosures and no Key Binding JWT (signatures are kept). */
  public SdJwtJson withDisclosures(List<Disclosure> selected) {
    return new SdJwtJson(payload, signatures, selected, null);
  }

  /** This SD-JWT with {@code kbJwt} attached. */
  public SdJwtJson withKeyBinding(String kbJwt) {
    return new SdJwtJson(payload, signatures, disclosures, Objects.requireNonNull(kbJwt));
  }

  /** This SD-JWT with one more signature after the existing ones (§8.3). */
  public SdJwtJson withSignature(Signature signature) {
    List<Signature> all = new ArrayList<>(signatures);
    all.add(signature);
    return new SdJwtJson(payload, all, disclosures, keyBindingJwt);
  }

  /**
   * The Flattened JWS JSON Serialization (§8.2).
   *
   * @throws IllegalStateException if there is more than one signature
   */
  public String serializeFlattened() {
    if (signatures.size() != 1) {
      throw new IllegalStateException("the Flattened JSON Serialization has exactly one signature");
    }
    Signature s = signatures.get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("payload", payload);
    out.put("protected", s.protectedHeader());
    out.put("header", unprotectedHeader(0));
    out.put("signature", s.signature());
    return Json.write(out);
  }

  /** The General JWS JSON Serialization (§8.3). */
  public String serializeGeneral() {
    List<Object> sigs = new ArrayList<>(signatures.size());
    for (int i = 0; i < signatures.size(); i++) {
      Signature s = signatures.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("protected", s.protectedHeader());
      Map<String, Object> header = unprotectedHeader(i);
      if (!header.isEmpty()) {
        m.put("header", header);
      }
      m.put("signature", s.signature());
      sigs.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("payload", payload);
    out.put("signatures", sigs);
    return Json.write(out);
  }

  private Map<String, Object> unprotectedHeader(int index) {
    Map<String, Object> h = new LinkedHashMap<>(signatures.get(index).header());
    if (index == 0) {
      List<String> encoded = new ArrayList<>(disclosures.size());
      for (Disclosure d : disclosures) {
        encoded.add(d.encoded());
      }
      h.put(DISCLOSURES, encoded);
      if (keyBindingJwt != null) {
        h.put(KB_JWT, keyBindingJwt);
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return signatures.size() == 1 ? serializeFlattened() : serializeGeneral();
  }

  /** {@link #parse(String, SdJwtLimits)} with {@link SdJwtLimits#DEFAULT}. */
  public static SdJwtJson parse(String json) throws SdJwtException {
    return parse(json, SdJwtLimits.DEFAULT);
  }

  /**
   * Parses an SD-JWT or SD-JWT+KB in Flattened (§8.2) or General (§8.3) JWS JSON Serialization
   * without verifying anything. Enforces {@link SdJwtLimits#maxTotalLength()} before parsing,
   * {@link SdJwtLimits#maxDepth()} on the JSON document before it is parsed, {@link
   * SdJwtLimits#maxArrayLength()} on the signatures and {@link SdJwtLimits#maxDisclosures()} on
   * {@code disclosures}. Refused as {@link Malformed}: not a JSON object, both or neither form, a
   * missing or empty {@code payload} (detached payloads are not SD-JWTs), a signature without
   * {@code protected} or {@code signature}, {@code disclosures} or {@code kb_jwt} of the wrong type
   * or outside the first unprotected header (§8.3), a parameter both protected and unprotected (RFC
   * 7515 §7.2.1), and {@code alg}, {@code typ}, {@code crit} or {@code b64} unprotected.
   */
  public static SdJwtJson parse(String json, SdJwtLimits limits) throws SdJwtException {
    Objects.requireNonNull(json, "json");
    if (json.length() > limits.maxTotalLength()) {
      throw new SdJwtException(new LimitExceeded(Limit.TOTAL_LENGTH, limits.maxTotalLength()));
    }
    if (Json.depth(json) > limits.maxDepth()) {
      throw new SdJwtException(new LimitExceeded(Limit.NESTING_DEPTH, limits.maxDepth()));
    }
    Map<String, Object> root;
    try {
      root = Json.parseObject(json);
    } catch (ParseException e) {
      throw malformed(Part.SD_JWT, "not a JSON object");
    }
    if (root == null) {
      throw malformed(Part.SD_JWT, "not a JSON object");
    }
    if (!(root.get("payload") instanceof String payload) || payload.isEmpty()) {
      throw malformed(Part.ISSUER_JWT, "payload must be a non-empty string");
    }
    List<Map<String, Object>> rawSignatures = new ArrayList<>();
    if (root.containsKey("signatures")) {
      if (root.containsKey("protected")
          || root.containsKey("signature")
          || root.containsKey("header")) {
        throw malformed(Part.SD_JWT, "both General and Flattened JSON Serialization members");
      }
      if (!(root.get("signatures") instanceof List<?> list) || list.isEmpty()) {
        throw malformed(Part.SD_JWT, "signatures must be a non-empty array");
      }
      if (list.size() > limits.maxArrayLength()) {
        throw new SdJwtException(new LimitExceeded(Limit.ARRAY_LENGTH, limits.maxArrayLength()));
      }
      for (Object o : list) {
        rawSignatures.add(object(o, "each signature must be a JSON object"));
      }
    } else {
      rawSignatures.add(root);
    }
    List<Signature> signatures = new ArrayList<>(rawSignatures.size());
    List<Disclosure> disclosures = List.of();
    String kbJwt = null;
    for (int i = 0; i < rawSignatures.size(); i++) {
      Map<String, Object> s = rawSignatures.get(i);
      if (!(s.get("protected") instanceof String prot) || prot.isEmpty()) {
        throw malformed(Part.ISSUER_JWT, "protected must be a non-empty string");
      }
      if (!(s.get("signature") instanceof String sig) || sig.isEmpty()) {
        throw malformed(Part.ISSUER_JWT, "signature must be a non-empty string");
      }
      Map<String, Object> header = new LinkedHashMap<>();
      if (s.containsKey("header")) {
        header.putAll(object(s.get("header"), "header must be a JSON object"));
      }
      boolean hasDisclosures = header.containsKey(DISCLOSURES);
      boolean hasKb = header.containsKey(KB_JWT);
      Object rawDisclosures = header.remove(DISCLOSURES);
      Object rawKb = header.remove(KB_JWT);
      if (i > 0 && (hasDisclosures || hasKb)) {
        throw malformed(
            Part.SD_JWT, "disclosures and kb_jwt belong to the first unprotected header only");
      }
      if (i == 0) {
        if (hasDisclosures && rawDisclosures == null) {
          throw malformed(Part.DISCLOSURE, "disclosures must be an array of strings");
        }
        disclosures = disclosures(rawDisclosures, limits);
        if (hasKb) {
          if (!(rawKb instanceof String kb) || kb.isEmpty()) {
            throw malformed(Part.KEY_BINDING_JWT, "kb_jwt must be a non-empty string");
          }
          kbJwt = kb;
        }
      }
      checkDisjoint(prot, header);
      signatures.add(new Signature(prot, header, sig));
    }
    return new SdJwtJson(payload, signatures, disclosures, kbJwt);
  }

  private static List<Disclosure> disclosures(Object raw, SdJwtLimits limits)
      throws SdJwtException {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw malformed(Part.DISCLOSURE, "disclosures must be an array of strings");
    }
    if (list.size() > limits.maxDisclosures()) {
      throw new SdJwtException(new LimitExceeded(Limit.DISCLOSURE_COUNT, limits.maxDisclosures()));
    }
    List<Disclosure> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s) || s.isEmpty()) {
        throw malformed(Part.DISCLOSURE, "disclosures must be an array of strings");
      }
      out.add(Disclosure.parse(s));
    }
    return out;
  }

  private static void checkDisjoint(String protectedB64, Map<String, Object> unprotected)
      throws SdJwtException {
    if (unprotected.isEmpty()) {
      return;
    }
    Map<String, Object> prot;
    try {
      prot = Json.parseObject(new String(Json.unb64(protectedB64), StandardCharsets.UTF_8));
    } catch (ParseException | IllegalArgumentException e) {
      throw malformed(Part.ISSUER_JWT, "protected header is not base64url JSON");
    }
    if (prot == null) {
      throw malformed(Part.ISSUER_JWT, "protected header is not a JSON object");
    }
    for (String name : unprotected.keySet()) {
      if (PROTECTED_ONLY.contains(name)) {
        throw malformed(Part.ISSUER_JWT, name + " must be integrity protected");
      }
      if (prot.containsKey(name)) {
        throw malformed(Part.ISSUER_JWT, "header parameter both protected and unprotected");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String detail) throws SdJwtException {
    if (!(o instanceof Map<?, ?> m)) {
      throw malformed(Part.SD_JWT, detail);
    }
    return (Map<String, Object>) m;
  }

  private static SdJwtException malformed(Part part, String detail) {
    return new SdJwtException(new Malformed(part, detail));
  }
}
