package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.AudienceMismatch;
import ca.idnum.sdk.sdjwt.SdJwtError.Expired;
import ca.idnum.sdk.sdjwt.SdJwtError.HolderKeyMissing;
import ca.idnum.sdk.sdjwt.SdJwtError.IssuedInFuture;
import ca.idnum.sdk.sdjwt.SdJwtError.IssuerKeyUnresolved;
import ca.idnum.sdk.sdjwt.SdJwtError.KeyBindingMissing;
import ca.idnum.sdk.sdjwt.SdJwtError.KeyBindingNotFresh;
import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.NonceMismatch;
import ca.idnum.sdk.sdjwt.SdJwtError.NotYetValid;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import ca.idnum.sdk.sdjwt.SdJwtError.SdHashMismatch;
import ca.idnum.sdk.trust.IssuerKeyException;
import ca.idnum.sdk.trust.PublicKeys;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Verifier role of RFC 9901 (§7.1 and §7.3, complete): parses the presentation within the
 * configured limits, checks the Issuer-signed JWT's {@code alg} against the allow-list, its {@code
 * typ}, and its signature with the key from the {@link ca.idnum.sdk.trust.IssuerKeyResolver};
 * matches every Disclosure to exactly one digest (refusing duplicates, unreferenced Disclosures,
 * reserved names and name collisions); checks {@code exp}, {@code nbf} and {@code iat} with the
 * configured skew; and, when Key Binding is expected, checks the KB-JWT's {@code typ}, signature by
 * the {@code cnf} key, {@code sd_hash}, {@code aud}, {@code nonce} and {@code iat} freshness.
 * SD-JWTs in JWS JSON Serialization (§8.4) go through the same checks on their compact form.
 * Instances are immutable and thread-safe.
 */
public final class SdJwtVerifier {
  private static final Set<String> KB_TYPE = Set.of("kb+jwt");

  private final VerifierOptions options;

  /** A verifier with these options. */
  public SdJwtVerifier(VerifierOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options. */
  public VerifierOptions options() {
    return options;
  }

  /**
   * Verifies a compact SD-JWT or SD-JWT+KB.
   *
   * @param presentation the serialization as received
   * @param keyBinding what the KB-JWT must contain; {@code null} when Key Binding is not required
   *     (a KB-JWT that is present is still checked for signature, {@code sd_hash} and freshness)
   */
  public VerificationResult verify(String presentation, KeyBindingExpectation keyBinding) {
    try {
      SdJwt sdJwt = SdJwt.parse(presentation, options.limits());
      String sdHashInput =
          sdJwt.hasKeyBinding()
              ? presentation.substring(0, presentation.lastIndexOf('~') + 1)
              : null;
      return verify(sdJwt, keyBinding, sdHashInput);
    } catch (SdJwtException e) {
      return new VerificationResult.Rejected(e.error());
    }
  }

  /**
   * Verifies an already parsed SD-JWT or SD-JWT+KB; see {@link #verify(String,
   * KeyBindingExpectation)}.
   */
  public VerificationResult verify(SdJwt sdJwt, KeyBindingExpectation keyBinding) {
    try {
      return verifyOrThrow(sdJwt, keyBinding);
    } catch (SdJwtException e) {
      return new VerificationResult.Rejected(e.error());
    }
  }

  /** Like {@link #verify(SdJwt, KeyBindingExpectation)} but throws the error. */
  public VerificationResult.Verified verifyOrThrow(SdJwt sdJwt, KeyBindingExpectation keyBinding)
      throws SdJwtException {
    return verify(sdJwt, keyBinding, null);
  }

  /**
   * Verifies an SD-JWT or SD-JWT+KB in Flattened or General JWS JSON Serialization (RFC 9901 §8.4):
   * parsed within the configured limits ({@link SdJwtJson#parse(String, SdJwtLimits)}), then
   * checked as {@link #verify(SdJwtJson, KeyBindingExpectation)} does.
   */
  public VerificationResult verifyJson(String json, KeyBindingExpectation keyBinding) {
    try {
      return verifyOrThrow(SdJwtJson.parse(json, options.limits()), keyBinding);
    } catch (SdJwtException e) {
      return new VerificationResult.Rejected(e.error());
    }
  }

  /**
   * Verifies a parsed JWS JSON Serialization; see {@link #verifyJson(String,
   * KeyBindingExpectation)}.
   */
  public VerificationResult verify(SdJwtJson sdJwt, KeyBindingExpectation keyBinding) {
    try {
      return verifyOrThrow(sdJwt, keyBinding);
    } catch (SdJwtException e) {
      return new VerificationResult.Rejected(e.error());
    }
  }

  /**
   * Like {@link #verify(SdJwtJson, KeyBindingExpectation)} but throws the error. Every signature is
   * checked as the Issuer-signed JWT of a compact SD-JWT is (§7.1 step 2), with the key resolved
   * from its protected header together with its unprotected header (for example a {@code kid} sent
   * unprotected, as in §8.3); which signatures must verify is {@link
   * VerifierOptions#jsonSignaturePolicy()}. The rest (Disclosures, time, Key Binding with {@code
   * sd_hash} over the compact form with the first signature, §8.1) is the compact verification of
   * {@link SdJwtJson#toCompact()}.
   */
  public VerificationResult.Verified verifyOrThrow(
      SdJwtJson sdJwt, KeyBindingExpectation keyBinding) throws SdJwtException {
    checkDisclosureCount(sdJwt.disclosures().size());
    if (sdJwt.signatures().size() > options.limits().maxArrayLength()) {
      throw new SdJwtException(
          new SdJwtError.LimitExceeded(
              SdJwtError.Limit.ARRAY_LENGTH, options.limits().maxArrayLength()));
    }
    Jws first = null;
    SdJwtException unresolved = null;
    boolean verified = false;
    for (SdJwtJson.Signature s : sdJwt.signatures()) {
      Jws jws =
          Jws.parse(
              s.compact(sdJwt.payload()),
              Part.ISSUER_JWT,
              options.allowedAlgorithms(),
              first == null ? null : first.payload());
      if (first == null) {
        first = jws;
      }
      try {
        verifyIssuerSignature(jws, resolutionHeader(jws, s.header()));
        verified = true;
      } catch (SdJwtException e) {
        if (options.jsonSignaturePolicy() == JsonSignaturePolicy.AT_LEAST_ONE
            && e.error() instanceof IssuerKeyUnresolved) {
          unresolved = unresolved == null ? e : unresolved;
        } else {
          throw e;
        }
      }
    }
    if (!verified) {
      throw unresolved;
    }
    return process(first, sdJwt.toCompact(), keyBinding, null);
  }

  private static JWSHeader resolutionHeader(Jws jws, Map<String, Object> unprotected)
      throws SdJwtException {
    if (unprotected.isEmpty()) {
      return jws.header();
    }
    Map<String, Object> joint = new LinkedHashMap<>(jws.header().toJSONObject());
    joint.putAll(unprotected);
    try {
      return JWSHeader.parse(joint, jws.header().getParsedBase64URL());
    } catch (ParseException | RuntimeException e) {
      throw new SdJwtException(new Malformed(Part.ISSUER_JWT, "invalid unprotected header"));
    }
  }

  private void checkDisclosureCount(int count) throws SdJwtException {
    if (count > options.limits().maxDisclosures()) {
      throw new SdJwtException(
          new SdJwtError.LimitExceeded(
              SdJwtError.Limit.DISCLOSURE_COUNT, options.limits().maxDisclosures()));
    }
  }

  private VerificationResult.Verified verify(
      SdJwt sdJwt, KeyBindingExpectation keyBinding, String sdHashInput) throws SdJwtException {
    checkDisclosureCount(sdJwt.disclosures().size());
    Jws issuerJwt =
        Jws.parse(sdJwt.issuerSignedJwt(), Part.ISSUER_JWT, options.allowedAlgorithms());
    verifyIssuerSignature(issuerJwt, issuerJwt.header());
    return process(issuerJwt, sdJwt, keyBinding, sdHashInput);
  }

  /** §7.1 step 2: {@code typ}, the Issuer key from {@code header}, the signature. */
  private void verifyIssuerSignature(Jws issuerJwt, JWSHeader header) throws SdJwtException {
    issuerJwt.checkType(options.acceptedTypes());
    PublicKey issuerKey;
    try {
      issuerKey = options.issuerKeys().resolve(header, issuerJwt.payload());
    } catch (IssuerKeyException e) {
      throw new SdJwtException(new IssuerKeyUnresolved(e.reason().name()));
    } catch (RuntimeException e) {
      throw new SdJwtException(new IssuerKeyUnresolved("resolver failed"));
    }
    if (issuerKey == null) {
      throw new SdJwtException(new IssuerKeyUnresolved("no key"));
    }
    issuerJwt.verify(issuerKey);
  }

  /** §7.1 steps 3-5 and §7.3 on a signature-checked Issuer-signed JWT. */
  private VerificationResult.Verified process(
      Jws issuerJwt, SdJwt sdJwt, KeyBindingExpectation keyBinding, String sdHashInput)
      throws SdJwtException {
    Processor.Result processed =
        Processor.process(issuerJwt.payload(), sdJwt.disclosures(), options.limits());
    Map<String, Object> claims = processed.claims();
    Instant now = options.clock().instant();
    checkTime(claims, now);
    JWK holderKey = holderKey(claims);
    boolean keyBound = false;
    if (sdJwt.hasKeyBinding()) {
      checkKeyBinding(
          sdJwt,
          sdHashInput == null ? sdJwt.serializeWithoutKeyBinding() : sdHashInput,
          processed.hashAlgorithm(),
          holderKey,
          keyBinding,
          now);
      keyBound = true;
    } else if (keyBinding != null) {
      throw new SdJwtException(new KeyBindingMissing());
    }
    return new VerificationResult.Verified(
        claims,
        processed.disclosed(),
        issuerJwt.header(),
        holderKey,
        keyBound,
        processed.hashAlgorithm());
  }

  private void checkTime(Map<String, Object> claims, Instant now) throws SdJwtException {
    long skew = options.clockSkew().getSeconds();
    Instant exp = numericDate(claims, "exp", Part.ISSUER_JWT);
    if (exp != null && !now.isBefore(exp.plusSeconds(skew))) {
      throw new SdJwtException(new Expired(exp, now));
    }
    Instant nbf = numericDate(claims, "nbf", Part.ISSUER_JWT);
    if (nbf != null && now.plusSeconds(skew).isBefore(nbf)) {
      throw new SdJwtException(new NotYetValid(nbf, now));
    }
    Instant iat = numericDate(claims, "iat", Part.ISSUER_JWT);
    if (iat != null && now.plusSeconds(skew).isBefore(iat)) {
      throw new SdJwtException(new IssuedInFuture(iat, now));
    }
  }

  static Instant numericDate(Map<String, Object> claims, String name, Part part)
      throws SdJwtException {
    Object v = claims.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new SdJwtException(new Malformed(part, name + " must be a number"));
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d < 0 || d > 253402300799d) {
      throw new SdJwtException(new Malformed(part, name + " out of range"));
    }
    return Instant.ofEpochSecond((long) d);
  }

  static JWK holderKey(Map<String, Object> claims) throws SdJwtException {
    if (!(claims.get("cnf") instanceof Map<?, ?> cnf) || !(cnf.get("jwk") instanceof Map<?, ?> j)) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jm = (Map<String, Object>) j;
      JWK jwk = JWK.parse(jm);
      if (jwk.isPrivate()) {
        throw new SdJwtException(new HolderKeyMissing("cnf.jwk contains private key material"));
      }
      return jwk;
    } catch (ParseException | RuntimeException e) {
      throw new SdJwtException(new HolderKeyMissing("cnf.jwk is not a valid JWK"));
    }
  }

  private void checkKeyBinding(
      SdJwt sdJwt,
      String sdHashInput,
      HashAlgorithm alg,
      JWK holderJwk,
      KeyBindingExpectation expected,
      Instant now)
      throws SdJwtException {
    Jws kb = Jws.parse(sdJwt.keyBindingJwt(), Part.KEY_BINDING_JWT, options.allowedAlgorithms());
    kb.checkType(KB_TYPE);
    if (holderJwk == null) {
      throw new SdJwtException(new HolderKeyMissing("no cnf.jwk"));
    }
    PublicKey holderKey;
    try {
      holderKey = PublicKeys.fromJwk(holderJwk);
    } catch (IssuerKeyException e) {
      throw new SdJwtException(new HolderKeyMissing("unsupported cnf.jwk"));
    }
    kb.verify(holderKey);
    Map<String, Object> p = kb.payload();
    Instant iat = numericDate(p, "iat", Part.KEY_BINDING_JWT);
    if (iat == null) {
      throw new SdJwtException(new Malformed(Part.KEY_BINDING_JWT, "iat is required"));
    }
    long skew = options.clockSkew().getSeconds();
    if (now.plusSeconds(skew).isBefore(iat)
        || iat.isBefore(now.minus(options.keyBindingMaxAge()).minusSeconds(skew))) {
      throw new SdJwtException(new KeyBindingNotFresh(iat, now));
    }
    if (!(p.get("sd_hash") instanceof String sdHash)) {
      throw new SdJwtException(new Malformed(Part.KEY_BINDING_JWT, "sd_hash is required"));
    }
    String actual = alg.digest(sdHashInput);
    if (!MessageDigest.isEqual(
        actual.getBytes(StandardCharsets.US_ASCII), sdHash.getBytes(StandardCharsets.US_ASCII))) {
      throw new SdJwtException(new SdHashMismatch());
    }
    if (!(p.get("nonce") instanceof String nonce)) {
      throw new SdJwtException(new Malformed(Part.KEY_BINDING_JWT, "nonce is required"));
    }
    Object aud = p.get("aud");
    if (aud == null) {
      throw new SdJwtException(new Malformed(Part.KEY_BINDING_JWT, "aud is required"));
    }
    if (expected != null) {
      if (!expected.audience().equals(aud)) {
        throw new SdJwtException(new AudienceMismatch(expected.audience(), String.valueOf(aud)));
      }
      if (!expected.nonce().equals(nonce)) {
        throw new SdJwtException(new NonceMismatch());
      }
    }
  }
}
