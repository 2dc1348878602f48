package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.Rfc9901VectorsTest.Vector;
import ca.idnum.sdk.trust.IssuerKeyException;
import ca.idnum.sdk.trust.JwkSetKeyResolver;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 9901 §8 (JWS JSON Serialization), one resource file each: the Flattened
 * issued SD-JWT and SD-JWT+KB of §8.2 and the General SD-JWT+KB with two signatures of §8.3,
 * verified with the keys of Appendix A.5; plus tampering with the unprotected header.
 */
class Rfc9901JsonVectorsTest {

  static Vector load(String file) throws Exception {
    return Rfc9901VectorsTest.load(file);
  }

  static Vector flattenedIssuance() throws Exception {
    return load("8.2-flattened-issuance.txt");
  }

  static Vector flattened() throws Exception {
    return load("8.2-flattened-presentation.txt");
  }

  static Vector general() throws Exception {
    return load("8.3-general-presentation.txt");
  }

  /** The General example's verifier: both issuer keys by kid, or only the first. */
  static SdJwtVerifier generalVerifier(boolean bothKeys, JsonSignaturePolicy policy)
      throws Exception {
    Vector v = general();
    List<JWK> keys = new ArrayList<>();
    keys.add(ECKey.parse(v.blocks().get("issuer-key")));
    if (bothKeys) {
      keys.add(ECKey.parse(v.blocks().get("issuer-key-2")));
    }
    return new SdJwtVerifier(
        VerifierOptions.builder(new JwkSetKeyResolver(new JWKSet(keys)))
            .acceptType("example+sd-jwt")
            .clock(Clock.fixed(v.now(), ZoneOffset.UTC))
            .jsonSignaturePolicy(policy)
            .build());
  }

  static SdJwtError error(VerificationResult r) {
    assertThat(r).isInstanceOf(VerificationResult.Rejected.class);
    return ((VerificationResult.Rejected) r).error();
  }

  static Map<String, Object> kbPayload(String kbJwt) throws Exception {
    String p = kbJwt.split("\\.")[1];
    return JSONObjectUtils.parse(
        new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8));
  }

  @Test
  void whenTheFlattenedIssuedSdJwtIsVerifiedThenEveryClaimIsDisclosed() throws Exception {
    Vector v = flattenedIssuance();
    VerificationResult r = new SdJwtVerifier(v.options()).verifyJson(v.base64("sd-jwt-json"), null);
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified ok = (VerificationResult.Verified) r;
    assertThat(ok.disclosed()).hasSize(4);
    assertThat(ok.claims()).isEqualTo(v.json("processed"));
    assertThat(ok.keyBound()).isFalse();
  }

  @Test
  void whenTheFlattenedIssuedSdJwtIsHeldThenItsClaimsAreListed() throws Exception {
    Vector v = flattenedIssuance();
    HeldSdJwt held = new SdJwtHolder(v.options()).acceptJson(v.base64("sd-jwt-json"));
    assertThat(held.disclosedClaims())
        .extracting(DisclosedClaim::path)
        .containsExactlyInAnyOrder(
            ClaimPath.of("sub"),
            ClaimPath.of("given_name"),
            ClaimPath.of("family_name"),
            ClaimPath.of("birthdate"));
    SdJwtJson issued = SdJwtJson.parse(v.base64("sd-jwt-json"));
    SdJwtJson presented =
        new SdJwtHolder(v.options())
            .presentJson(issued, List.of(ClaimPath.of("given_name"), ClaimPath.of("family_name")));
    assertThat(presented.disclosures())
        .extracting(Disclosure::claimName)
        .containsExactly("given_name", "family_name");
    assertThat(presented.signatures()).isEqualTo(issued.signatures());
  }

  @Test
  void whenTheFlattenedPresentationIsVerifiedThenKeyBindingAndClaimsAreTheRfcOnes()
      throws Exception {
    Vector v = flattened();
    VerificationResult r =
        new SdJwtVerifier(v.options())
            .verifyJson(v.base64("presentation-json"), Rfc9901VectorsTest.RFC_KB);
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified ok = (VerificationResult.Verified) r;
    assertThat(ok.keyBound()).isTrue();
    assertThat(ok.claims()).isEqualTo(v.json("processed"));
  }

  @Test
  void whenSdHashIsRecomputedOverTheCompactFormWithTheFirstSignatureThenItIsTheRfcOne()
      throws Exception {
    for (Vector v : List.of(flattened(), general())) {
      SdJwtJson json = SdJwtJson.parse(v.base64("presentation-json"));
      assertThat(HashAlgorithm.SHA_256.digest(json.toCompact().serializeWithoutKeyBinding()))
          .as(v.name())
          .isEqualTo(kbPayload(json.keyBindingJwt()).get("sd_hash"));
    }
  }

  @Test
  void whenTheGeneralPresentationIsVerifiedWithBothIssuerKeysThenEverySignatureVerifies()
      throws Exception {
    Vector v = general();
    VerificationResult r =
        generalVerifier(true, JsonSignaturePolicy.ALL)
            .verifyJson(v.base64("presentation-json"), Rfc9901VectorsTest.RFC_KB);
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified ok = (VerificationResult.Verified) r;
    assertThat(ok.keyBound()).isTrue();
    assertThat(ok.claims()).isEqualTo(v.json("processed"));
  }

  @Test
  void whenOnlyTheFirstIssuerKeyIsTrustedThenThePolicyDecides() throws Exception {
    Vector v = general();
    assertThat(
            error(
                generalVerifier(false, JsonSignaturePolicy.ALL)
                    .verifyJson(v.base64("presentation-json"), Rfc9901VectorsTest.RFC_KB)))
        .isEqualTo(
            new SdJwtError.IssuerKeyUnresolved(IssuerKeyException.Reason.UNKNOWN_KEY_ID.name()));
    VerificationResult r =
        generalVerifier(false, JsonSignaturePolicy.AT_LEAST_ONE)
            .verifyJson(v.base64("presentation-json"), Rfc9901VectorsTest.RFC_KB);
    assertThat(r.isVerified()).as(r.toString()).isTrue();
  }

  @Test
  void whenTheSecondSignatureIsByATrustedKeyButInvalidThenEvenAtLeastOneRefuses() throws Exception {
    Map<String, Object> json = JSONObjectUtils.parse(general().base64("presentation-json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> second =
        (Map<String, Object>) ((List<Object>) json.get("signatures")).get(1);
    second.put("header", Map.of("kid", "issuer-key-1"));
    String tampered = JSONObjectUtils.toJSONString(json);
    for (JsonSignaturePolicy p : JsonSignaturePolicy.values()) {
      assertThat(error(generalVerifier(true, p).verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
          .as(p.name())
          .isEqualTo(new SdJwtError.InvalidSignature(SdJwtError.Part.ISSUER_JWT));
    }
  }

  @Test
  void whenTheJsonPresentationIsConvertedToCompactThenTheCompactVerifierAcceptsIt()
      throws Exception {
    Vector v = flattened();
    SdJwtJson json = SdJwtJson.parse(v.base64("presentation-json"));
    String compact = json.toCompact().serialize();
    VerificationResult r =
        new SdJwtVerifier(v.options()).verify(compact, Rfc9901VectorsTest.RFC_KB);
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    SdJwtJson back = SdJwtJson.fromCompact(SdJwt.parse(compact));
    assertThat(back).isEqualTo(json);
    assertThat(SdJwtJson.parse(back.serializeFlattened())).isEqualTo(json);
    assertThat(SdJwtJson.parse(back.serializeGeneral())).isEqualTo(json);
    Vector g = general();
    SdJwtJson generalJson = SdJwtJson.parse(g.base64("presentation-json"));
    assertThat(SdJwtJson.parse(generalJson.serializeGeneral())).isEqualTo(generalJson);
    // The compact form keeps the first signature only; its unprotected kid is lost with the
    // unprotected header, so the key comes from a set of one key.
    assertThat(
            generalVerifier(false, JsonSignaturePolicy.ALL)
                .verify(generalJson.toCompact().serialize(), Rfc9901VectorsTest.RFC_KB)
                .isVerified())
        .isTrue();
  }

  /** The Flattened presentation with its unprotected header changed by {@code edit}. */
  static String editHeader(java.util.function.Consumer<Map<String, Object>> edit) throws Exception {
    Map<String, Object> json = JSONObjectUtils.parse(flattened().base64("presentation-json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> header = new LinkedHashMap<>((Map<String, Object>) json.get("header"));
    edit.accept(header);
    json.put("header", header);
    return JSONObjectUtils.toJSONString(json);
  }

  @SuppressWarnings("unchecked")
  static List<Object> disclosuresOf(Map<String, Object> header) {
    List<Object> list = new ArrayList<>((List<Object>) header.get("disclosures"));
    header.put("disclosures", list);
    return list;
  }

  @Test
  void whenADisclosureIsAddedToTheUnprotectedHeaderThenSdHashMismatch() throws Exception {
    String birthdate =
        (String)
            ((List<?>)
                    ((Map<?, ?>)
                            JSONObjectUtils.parse(flattenedIssuance().base64("sd-jwt-json"))
                                .get("header"))
                        .get("disclosures"))
                .get(3);
    String tampered = editHeader(h -> disclosuresOf(h).add(birthdate));
    assertThat(
            error(
                new SdJwtVerifier(flattened().options())
                    .verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
        .isEqualTo(new SdJwtError.SdHashMismatch());
  }

  @Test
  void whenADisclosureIsRemovedFromTheUnprotectedHeaderThenSdHashMismatch() throws Exception {
    String tampered = editHeader(h -> disclosuresOf(h).remove(0));
    assertThat(
            error(
                new SdJwtVerifier(flattened().options())
                    .verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
        .isEqualTo(new SdJwtError.SdHashMismatch());
  }

  @Test
  void whenTheKbJwtIsSwappedForTheOneOfAnotherPresentationThenSdHashMismatch() throws Exception {
    String otherKb = SdJwtJson.parse(general().base64("presentation-json")).keyBindingJwt();
    String tampered = editHeader(h -> h.put("kb_jwt", otherKb));
    assertThat(
            error(
                new SdJwtVerifier(flattened().options())
                    .verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
        .isEqualTo(new SdJwtError.SdHashMismatch());
  }

  @Test
  void whenTheKbJwtIsRemovedThenKeyBindingMissing() throws Exception {
    String tampered = editHeader(h -> h.remove("kb_jwt"));
    assertThat(
            error(
                new SdJwtVerifier(flattened().options())
                    .verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
        .isEqualTo(new SdJwtError.KeyBindingMissing());
  }

  @Test
  void whenAnUnknownDisclosureIsAddedWithoutKeyBindingThenUnreferencedDisclosure()
      throws Exception {
    Disclosure forged = Disclosure.ofProperty("c2FsdHNhbHRzYWx0c2FsdA", "email", "x@example.com");
    String tampered =
        editHeader(
            h -> {
              h.remove("kb_jwt");
              disclosuresOf(h).add(forged.encoded());
            });
    assertThat(error(new SdJwtVerifier(flattened().options()).verifyJson(tampered, null)))
        .isEqualTo(new SdJwtError.UnreferencedDisclosure(forged.digest(HashAlgorithm.SHA_256)));
  }

  @Test
  void whenDisclosuresAreMovedToTheSecondSignatureThenMalformed() throws Exception {
    Map<String, Object> json = JSONObjectUtils.parse(general().base64("presentation-json"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sigs = (List<Map<String, Object>>) json.get("signatures");
    sigs.get(1).put("header", Map.of("kid", "issuer-key-2", "disclosures", List.of()));
    assertThat(
            error(
                generalVerifier(true, JsonSignaturePolicy.ALL)
                    .verifyJson(JSONObjectUtils.toJSONString(json), Rfc9901VectorsTest.RFC_KB)))
        .isInstanceOf(SdJwtError.Malformed.class);
  }

  @Test
  void whenAProtectedParameterIsRepeatedUnprotectedThenMalformed() throws Exception {
    for (String name : List.of("alg", "typ", "crit")) {
      String tampered = editHeader(h -> h.put(name, "ES256"));
      assertThat(
              error(
                  new SdJwtVerifier(flattened().options())
                      .verifyJson(tampered, Rfc9901VectorsTest.RFC_KB)))
          .as(name)
          .isEqualTo(
              new SdJwtError.Malformed(
                  SdJwtError.Part.ISSUER_JWT, name + " must be integrity protected"));
    }
  }
}
