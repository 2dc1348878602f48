package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Holder role of RFC 9901 (§7.2 and §4.3): checks an issued SD-JWT (Issuer signature and every
 * Disclosure, as a Verifier would), lists its claims with their paths, selects the Disclosures for
 * a set of claim paths (adding the Disclosures of parent claims so that nested claims can be
 * reached) and creates the presentation, with a Key Binding JWT ({@code typ} {@code kb+jwt}, {@code
 * iat}, {@code aud}, {@code nonce}, {@code sd_hash}) signed by the holder key when asked. Instances
 * are immutable and thread-safe. SD-JWTs in JWS JSON Serialization (§8) are accepted and presented
 * in that serialization too.
 */
public final class SdJwtHolder {
  private final SdJwtVerifier verifier;

  /** A holder checking issued SD-JWTs with these options (issuer keys, algorithms, limits). */
  public SdJwtHolder(VerifierOptions options) {
    this.verifier = new SdJwtVerifier(options);
  }

  /**
   * Parses and checks an issued SD-JWT (§7.2 step 1, which applies §7.1): signature, digests,
   * Disclosures and validity time.
   */
  public HeldSdJwt accept(String issued) throws SdJwtException {
    SdJwt sdJwt = SdJwt.parse(issued, verifier.options().limits());
    if (sdJwt.hasKeyBinding()) {
      throw new SdJwtException(
          new Malformed(Part.SD_JWT, "an issued SD-JWT must not carry a Key Binding JWT"));
    }
    VerificationResult.Verified v = verifier.verifyOrThrow(sdJwt, null);
    return new HeldSdJwt(sdJwt, v.claims(), v.disclosed(), v.hashAlgorithm(), v.holderKey());
  }

  /**
   * Parses and checks an issued SD-JWT in Flattened or General JWS JSON Serialization (§8, §7.2
   * step 1): every signature as the verifier's {@link JsonSignaturePolicy} says, digests,
   * Disclosures and validity time. The returned {@link HeldSdJwt} holds the compact form with the
   * first signature ({@link SdJwtJson#toCompact()}); present in JSON with {@link
   * #presentJson(SdJwtJson, Collection)}.
   */
  public HeldSdJwt acceptJson(String issuedJson) throws SdJwtException {
    return accept(SdJwtJson.parse(issuedJson, verifier.options().limits()));
  }

  /** Like {@link #acceptJson(String)} for an already parsed SD-JWT. */
  public HeldSdJwt accept(SdJwtJson issued) throws SdJwtException {
    if (issued.hasKeyBinding()) {
      throw new SdJwtException(
          new Malformed(Part.SD_JWT, "an issued SD-JWT must not carry a Key Binding JWT"));
    }
    VerificationResult.Verified v = verifier.verifyOrThrow(issued, null);
    return new HeldSdJwt(
        issued.toCompact(), v.claims(), v.disclosed(), v.hashAlgorithm(), v.holderKey());
  }

  /**
   * A presentation without Key Binding in JWS JSON Serialization (§8): the issued SD-JWT is checked
   * ({@link #accept(SdJwtJson)}), then its signatures and their unprotected header parameters are
   * kept and {@code disclosures} holds the Disclosures for {@code paths} (as {@link
   * #select(HeldSdJwt, Collection)}).
   *
   * @throws IllegalArgumentException if a path names no claim
   */
  public SdJwtJson presentJson(SdJwtJson issued, Collection<ClaimPath> paths)
      throws SdJwtException {
    return issued.withDisclosures(select(accept(issued), paths));
  }

  /**
   * A presentation with Key Binding in JWS JSON Serialization (§8.1): {@code kb_jwt} in the first
   * unprotected header, its {@code sd_hash} over the compact SD-JWT built from the protected
   * header, payload and first signature and the selected Disclosures.
   *
   * @throws IllegalArgumentException if the SD-JWT carries no holder key or a path names no claim
   */
  public SdJwtJson presentJsonWithKeyBinding(
      SdJwtJson issued,
      Collection<ClaimPath> paths,
      String audience,
      String nonce,
      JWSSigner holderSigner,
      JWSAlgorithm algorithm)
      throws SdJwtException {
    HeldSdJwt held = accept(issued);
    if (held.holderKey() == null) {
      throw new IllegalArgumentException("the SD-JWT has no cnf.jwk: key binding is impossible");
    }
    SdJwtJson selected = issued.withDisclosures(select(held, paths));
    return selected.withKeyBinding(
        keyBindingJwt(
            selected.toCompact().serializeWithoutKeyBinding(),
            held.hashAlgorithm(),
            audience,
            nonce,
            verifier.options().clock().instant().getEpochSecond(),
            holderSigner,
            algorithm));
  }

  /**
   * The Disclosures needed to reveal the claims at {@code paths} (DCQL-style, {@code null} = every
   * array element): those of the claims themselves, of everything inside them and of every
   * enclosing claim. Order follows issuance.
   *
   * @throws IllegalArgumentException if a path names no claim of the SD-JWT
   */
  public static List<Disclosure> select(HeldSdJwt held, Collection<ClaimPath> paths) {
    for (ClaimPath p : paths) {
      if (!p.existsIn(held.claims())) {
        throw new IllegalArgumentException("no claim at " + p);
      }
    }
    Set<Disclosure> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (DisclosedClaim dc : held.disclosedClaims()) {
      for (ClaimPath p : paths) {
        if (p.overlaps(dc.path())) {
          out.add(dc.disclosure());
          break;
        }
      }
    }
    List<Disclosure> ordered = new ArrayList<>(out.size());
    for (Disclosure d : held.sdJwt().disclosures()) {
      if (out.contains(d)) {
        ordered.add(d);
      }
    }
    return ordered;
  }

  /** A presentation without Key Binding disclosing the claims at {@code paths} (§4, §7.2). */
  public SdJwt present(HeldSdJwt held, Collection<ClaimPath> paths) {
    return held.sdJwt().withDisclosures(select(held, paths));
  }

  /**
   * A presentation with Key Binding (SD-JWT+KB, §4.3) disclosing the claims at {@code paths},
   * signed by the holder key at the current time.
   *
   * @param audience the {@code aud}, the Verifier
   * @param nonce the Verifier's {@code nonce}
   * @param holderSigner signs with the private key of {@code cnf.jwk}
   * @param algorithm the KB-JWT algorithm
   * @throws IllegalArgumentException if the SD-JWT carries no holder key ({@code cnf.jwk}) or a
   *     path names no claim
   */
  public String presentWithKeyBinding(
      HeldSdJwt held,
      Collection<ClaimPath> paths,
      String audience,
      String nonce,
      JWSSigner holderSigner,
      JWSAlgorithm algorithm) {
    if (held.holderKey() == null) {
      throw new IllegalArgumentException("the SD-JWT has no cnf.jwk: key binding is impossible");
    }
    SdJwt selected = present(held, paths);
    String base = selected.serializeWithoutKeyBinding();
    return base
        + keyBindingJwt(
            base,
            held.hashAlgorithm(),
            audience,
            nonce,
            verifier.options().clock().instant().getEpochSecond(),
            holderSigner,
            algorithm);
  }

  /**
   * A Key Binding JWT (§4.3) over {@code sdJwtWithoutKb} (an SD-JWT ending in {@code ~}).
   *
   * @throws IllegalStateException if signing fails
   */
  public static String keyBindingJwt(
      String sdJwtWithoutKb,
      HashAlgorithm hashAlgorithm,
      String audience,
      String nonce,
      long issuedAt,
      JWSSigner holderSigner,
      JWSAlgorithm algorithm) {
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(nonce, "nonce");
    if (!sdJwtWithoutKb.endsWith("~")) {
      throw new IllegalArgumentException("the SD-JWT must end with ~");
    }
    JWSHeader header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("kb+jwt")).build();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iat", issuedAt);
    payload.put("aud", audience);
    payload.put("nonce", nonce);
    payload.put("sd_hash", hashAlgorithm.digest(sdJwtWithoutKb));
    String input = header.toBase64URL() + "." + Json.b64(Json.write(payload));
    try {
      return input + "." + holderSigner.sign(header, input.getBytes(StandardCharsets.US_ASCII));
    } catch (JOSEException e) {
      throw new IllegalStateException("key binding signing failed", e);
    }
  }
}
