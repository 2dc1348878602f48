package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Issuer role of RFC 9901 (§4.1, §4.2, §5.1): turns a claims object and a {@link
 * DisclosurePolicy} into a signed SD-JWT with its Disclosures. Salts have 128 bits from a {@link
 * SecureRandom} (§9.3); digests in {@code _sd} are sorted so their order reveals nothing
 * (§4.2.4.1); decoy digests (§4.2.5) and recursive Disclosures (§4.2.6) are supported. Instances
 * are immutable and thread-safe when the {@link JWSSigner} is.
 */
public final class SdJwtIssuer {

  private static final int SALT_BYTES = 16;

  private final JWSSigner signer;
  private final JWSHeader header;
  private final String headerB64;
  private final HashAlgorithm hashAlgorithm;
  private final SecureRandom random;

  private SdJwtIssuer(Builder b) {
    this.signer = b.signer;
    this.hashAlgorithm = b.hashAlgorithm;
    this.random = b.random;
    JWSHeader.Builder h = new JWSHeader.Builder(b.algorithm);
    if (b.type != null) {
      h.type(new JOSEObjectType(b.type));
    }
    if (b.keyId != null) {
      h.keyID(b.keyId);
    }
    if (b.x5c != null) {
      h.x509CertChain(b.x5c);
    }
    this.header = h.build();
    this.headerB64 = header.toBase64URL().toString();
    if (!signer.supportedJWSAlgorithms().contains(b.algorithm)) {
      throw new IllegalArgumentException("the signer does not support " + b.algorithm);
    }
  }

  /** A builder for an issuer signing with {@code signer} and ES256, the default algorithm. */
  public static Builder builder(JWSSigner signer) {
    return new Builder(signer, JWSAlgorithm.ES256);
  }

  /**
   * A builder for an issuer signing with {@code signer} and {@code algorithm} (ES256, ES384, PS256,
   * EdDSA, ...).
   */
  public static Builder builder(JWSSigner signer, JWSAlgorithm algorithm) {
    return new Builder(signer, algorithm);
  }

  /** The JWS header used for every SD-JWT. */
  public JWSHeader header() {
    return header;
  }

  /** The digest algorithm ({@code _sd_alg}). */
  public HashAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  /**
   * Issues an SD-JWT (§4): every claim named by {@code policy} becomes a Disclosure; the others
   * stay in clear. Claim values are JSON values: String, Number, Boolean, null, Map with String
   * keys, List.
   *
   * @throws IllegalArgumentException if the claims use a reserved name ({@code _sd}, {@code ...},
   *     {@code _sd_alg}), contain non-JSON values, or the policy names a claim that does not exist
   * @throws IllegalStateException if signing fails
   */
  public SdJwt issue(Map<String, ?> claims, DisclosurePolicy policy) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(policy, "policy");
    if (claims.containsKey("_sd_alg")) {
      throw new IllegalArgumentException("_sd_alg is set by the issuer");
    }
    List<Disclosure> disclosures = new ArrayList<>();
    Set<ClaimPath> matched = new HashSet<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> payload =
        (Map<String, Object>)
            encodeObject(claims, ClaimPath.root(), policy, disclosures, matched, 0);
    for (ClaimPath p : policy.selectivelyDisclosable()) {
      if (!p.hasWildcard() && !matched.contains(p)) {
        throw new IllegalArgumentException("the policy names a claim that does not exist: " + p);
      }
    }
    if (!disclosures.isEmpty() || hasDecoys(policy)) {
      payload.put("_sd_alg", hashAlgorithm.ianaName());
    }
    return new SdJwt(sign(Json.write(payload)), disclosures, null);
  }

  /**
   * Issues an SD-JWT in JWS JSON Serialization (RFC 9901 §8): {@link #issue(Map, DisclosurePolicy)}
   * with the Disclosures in the unprotected header; {@link SdJwtJson#serializeFlattened()} writes
   * it in Flattened form (§8.2).
   */
  public SdJwtJson issueJson(Map<String, ?> claims, DisclosurePolicy policy) {
    return SdJwtJson.fromCompact(issue(claims, policy));
  }

  /**
   * Adds this issuer's signature over the payload of {@code sdJwt} (General JWS JSON Serialization,
   * RFC 9901 §8.3, RFC 7515 §7.2.1): a second public body co-signing the same attestation, or the
   * same body signing with its next key during a rotation. The signature's protected header is this
   * issuer's ({@code alg}, {@code typ}, {@code kid}, {@code x5c}); the Disclosures stay in the
   * first unprotected header.
   *
   * @throws IllegalArgumentException if {@code sdJwt} carries a Key Binding JWT (its {@code
   *     sd_hash} would still be valid, but a presentation is not re-signed by an Issuer)
   * @throws IllegalStateException if signing fails
   */
  public SdJwtJson addSignature(SdJwtJson sdJwt) {
    if (sdJwt.hasKeyBinding()) {
      throw new IllegalArgumentException("an SD-JWT+KB is not signed again by an Issuer");
    }
    try {
      String signingInput = headerB64 + '.' + sdJwt.payload();
      Base64URL signature = signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
      return sdJwt.withSignature(
          new SdJwtJson.Signature(headerB64, Map.of(), signature.toString()));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  private static boolean hasDecoys(DisclosurePolicy policy) {
    for (int n : policy.decoys().values()) {
      if (n > 0) {
        return true;
      }
    }
    return false;
  }

  private String sign(String payloadJson) {
    try {
      String signingInput = headerB64 + '.' + Json.b64(payloadJson);
      Base64URL signature = signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + '.' + signature;
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  private Object encode(
      Object value,
      ClaimPath path,
      DisclosurePolicy policy,
      List<Disclosure> out,
      Set<ClaimPath> matched,
      int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("claims nested deeper than 64 levels");
    }
    if (value instanceof Map<?, ?> map) {
      return encodeObject(map, path, policy, out, matched, depth);
    }
    if (value instanceof List<?> list) {
      return encodeArray(list, path, policy, out, matched, depth);
    }
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException("not a JSON value at " + path + ": " + value.getClass());
  }

  private Map<String, Object> encodeObject(
      Map<?, ?> map,
      ClaimPath path,
      DisclosurePolicy policy,
      List<Disclosure> out,
      Set<ClaimPath> matched,
      int depth) {
    Map<String, Object> result = new LinkedHashMap<>();
    List<String> digests = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new IllegalArgumentException("object keys must be strings at " + path);
      }
      if (name.equals("_sd") || name.equals("...")) {
        throw new IllegalArgumentException("reserved claim name " + name + " at " + path);
      }
      ClaimPath childPath = path.child(name);
      Object encoded = encode(e.getValue(), childPath, policy, out, matched, depth + 1);
      if (policy.isDisclosable(childPath)) {
        matched.add(childPath);
        Disclosure d = Disclosure.ofProperty(salt(), name, encoded);
        out.add(d);
        digests.add(d.digest(hashAlgorithm));
      } else {
        result.put(name, encoded);
      }
    }
    for (int i = policy.decoysAt(path); i > 0; i--) {
      digests.add(decoy());
    }
    if (!digests.isEmpty()) {
      Collections.sort(digests);
      result.put("_sd", digests);
    }
    return result;
  }

  private List<Object> encodeArray(
      List<?> list,
      ClaimPath path,
      DisclosurePolicy policy,
      List<Disclosure> out,
      Set<ClaimPath> matched,
      int depth) {
    List<Object> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      ClaimPath childPath = path.child(i);
      Object encoded = encode(list.get(i), childPath, policy, out, matched, depth + 1);
      if (policy.isDisclosable(childPath)) {
        matched.add(childPath);
        Disclosure d = Disclosure.ofArrayElement(salt(), encoded);
        out.add(d);
        result.add(Map.of("...", d.digest(hashAlgorithm)));
      } else {
        result.add(encoded);
      }
    }
    int decoys = policy.decoysAt(path);
    for (int i = 0; i < decoys; i++) {
      result.add(random.nextInt(result.size() + 1), Map.of("...", decoy()));
    }
    return result;
  }

  private String salt() {
    byte[] b = new byte[SALT_BYTES];
    random.nextBytes(b);
    return Json.b64(b);
  }

  private String decoy() {
    byte[] b = new byte[SALT_BYTES];
    random.nextBytes(b);
    return Json.b64(hashAlgorithm.hash(b));
  }

  /** Builds an {@link SdJwtIssuer}. */
  public static final class Builder {
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private String type;
    private String keyId;
    private List<Base64> x5c;
    private HashAlgorithm hashAlgorithm = HashAlgorithm.SHA_256;
    private SecureRandom random = new SecureRandom();

    private Builder(JWSSigner signer, JWSAlgorithm algorithm) {
      this.signer = Objects.requireNonNull(signer, "signer");
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
        throw new IllegalArgumentException("an SD-JWT must be signed with an asymmetric key");
      }
    }

    /** The {@code typ} header (§9.11), for example {@code dc+sd-jwt}; none by default. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The {@code kid} header. */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /** The {@code x5c} header: the signing certificate first, then its issuers. */
    public Builder x509CertChain(List<Base64> chain) {
      this.x5c = List.copyOf(chain);
      return this;
    }

    /** The digest algorithm; {@code sha-256} by default. */
    public Builder hashAlgorithm(HashAlgorithm hashAlgorithm) {
      this.hashAlgorithm = Objects.requireNonNull(hashAlgorithm);
      return this;
    }

    /** The source of salts and decoys (tests inject a seeded one). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** The issuer. */
    public SdJwtIssuer build() {
      return new SdJwtIssuer(this);
    }
  }
}
