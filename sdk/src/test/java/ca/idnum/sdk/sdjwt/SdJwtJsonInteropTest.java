package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.JwkSetKeyResolver;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-implementation tests of the JWS JSON Serialization (RFC 9901 §8) with {@code @sd-jwt/core}
 * 0.19.0 (Node, {@code interop/sdjwt/json-*.mjs}): ours issues and presents in Flattened and
 * General form, theirs verifies ({@code SDJwtGeneralJSONInstance}, {@code FlattenJSON}); theirs
 * issues with one or two signatures and presents with Key Binding, ours verifies.
 */
class SdJwtJsonInteropTest {
  static final String AUD = SdJwtInteropTest.AUD;
  static final String NONCE = SdJwtInteropTest.NONCE;
  static final KeyBindingExpectation KB = new KeyBindingExpectation(AUD, NONCE);

  final TestKey issuerKey = TestKeys.es256("issuer-1");
  final TestKey secondIssuerKey = TestKeys.es384("issuer-2");
  final TestKey holderKey = TestKeys.es256("holder-key");

  Map<String, Object> claims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", "https://issuer.example.ca");
    c.put("iat", SdJwtInteropTest.NOW.getEpochSecond());
    c.put("exp", SdJwtInteropTest.NOW.getEpochSecond() + 3600);
    c.put("given_name", "Élise");
    c.put("family_name", "Gagnon");
    c.put("address", Map.of("street_address", "12 rue des Érables", "locality", "Lévis"));
    c.put("cnf", Map.of("jwk", holderKey.publicJwk().toJSONObject()));
    return c;
  }

  VerifierOptions options(JsonSignaturePolicy policy, TestKey... trusted) {
    List<JWK> keys = new ArrayList<>();
    for (TestKey k : trusted) {
      keys.add(k.publicJwk());
    }
    return VerifierOptions.builder(new JwkSetKeyResolver(new JWKSet(keys)))
        .clock(Clock.fixed(SdJwtInteropTest.NOW, ZoneOffset.UTC))
        .jsonSignaturePolicy(policy)
        .build();
  }

  SdJwtIssuer issuer(TestKey key) {
    return SdJwtIssuer.builder(key.signer(), key.algorithm()).keyId(key.jwk().getKeyID()).build();
  }

  Map<String, Object> verifyCase(String name, String json, boolean kb, TestKey... trusted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("json", json);
    List<Object> jwks = new ArrayList<>();
    for (TestKey k : trusted) {
      jwks.add(k.publicJwk().toJSONObject());
    }
    m.put("issuerPublicJwks", jwks);
    m.put("kb", kb ? Map.of("aud", AUD, "nonce", NONCE) : null);
    m.put("now", SdJwtInteropTest.NOW.getEpochSecond());
    return m;
  }

  @Test
  void whenOursIssuesAndPresentsInJsonThenTheirsVerifiesTheSameClaims() throws Exception {
    DisclosurePolicy policy =
        DisclosurePolicy.builder()
            .disclosable("given_name")
            .disclosable("family_name")
            .disclosable("address")
            .disclosable("address", "locality")
            .decoys(ClaimPath.root(), 2)
            .build();
    List<ClaimPath> paths =
        List.of(ClaimPath.of("given_name"), ClaimPath.of("address", "locality"));
    SdJwtJson single = issuer(issuerKey).issueJson(claims(), policy);
    SdJwtJson twoSigned = issuer(secondIssuerKey).addSignature(single);
    SdJwtHolder holder =
        new SdJwtHolder(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey));
    SdJwtJson flatKb =
        holder.presentJsonWithKeyBinding(
            single, paths, AUD, NONCE, holderKey.signer(), holderKey.algorithm());
    SdJwtJson flatNoKb = holder.presentJson(single, paths);
    SdJwtJson generalKb =
        holder.presentJsonWithKeyBinding(
            twoSigned, paths, AUD, NONCE, holderKey.signer(), holderKey.algorithm());
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("flattened-kb", flatKb.serializeFlattened());
    tokens.put("flattened-without-key-binding", flatNoKb.serializeFlattened());
    tokens.put("general-one-signature-kb", flatKb.serializeGeneral());
    tokens.put("general-two-signatures-kb", generalKb.serializeGeneral());
    List<Map<String, Object>> cases = new ArrayList<>();
    Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
    SdJwtVerifier verifier =
        new SdJwtVerifier(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey));
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      boolean kb = e.getKey().endsWith("-kb");
      VerificationResult r = verifier.verifyJson(e.getValue(), kb ? KB : null);
      assertThat(r.isVerified()).as(e.getKey() + ": " + r).isTrue();
      ours.put(e.getKey(), ((VerificationResult.Verified) r).claims());
      cases.add(verifyCase(e.getKey(), e.getValue(), kb, issuerKey, secondIssuerKey));
    }
    Map<String, Map<String, Object>> theirs = NodeInterop.run("json-verify.mjs", cases);
    for (String name : tokens.keySet()) {
      Map<String, Object> r = theirs.get(name);
      assertThat(r.get("ok")).as(name + ": " + r.get("error")).isEqualTo(true);
      assertThat(r.get("payload")).as(name).isEqualTo(ours.get(name));
    }
    assertThat(ours.get("flattened-kb"))
        .containsEntry("given_name", "Élise")
        .containsEntry(
            "address", Map.of("street_address", "12 rue des Érables", "locality", "Lévis"))
        .doesNotContainKey("family_name");
  }

  Map<String, Object> issueCase(String name, String kidPlacement, TestKey... issuers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    List<Object> list = new ArrayList<>();
    for (TestKey k : issuers) {
      list.add(
          Map.of(
              "privateJwk", k.jwk().toJSONObject(),
              "kid", k.jwk().getKeyID(),
              "kidPlacement", kidPlacement));
    }
    m.put("issuers", list);
    m.put("holderPrivateJwk", holderKey.jwk().toJSONObject());
    m.put("claims", claims());
    try {
      m.put(
          "disclosureFrame",
          JSONObjectUtils.parse(
              "{\"_sd\":[\"given_name\",\"family_name\",\"address\"],"
                  + "\"address\":{\"_sd\":[\"locality\"]}}"));
      m.put(
          "presentationFrame",
          JSONObjectUtils.parse("{\"family_name\":true,\"address\":{\"locality\":true}}"));
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
    m.put("kb", Map.of("aud", AUD, "nonce", NONCE, "iat", SdJwtInteropTest.NOW.getEpochSecond()));
    return m;
  }

  @Test
  void whenTheirsIssuesAndPresentsInJsonThenOursVerifies() throws Exception {
    Map<String, Map<String, Object>> theirs =
        NodeInterop.run(
            "json-issue-present.mjs",
            List.of(
                issueCase("one-signature", "protected", issuerKey),
                issueCase("two-signatures", "protected", issuerKey, secondIssuerKey)));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("family_name", "Gagnon");
    expected.put("address", Map.of("street_address", "12 rue des Érables", "locality", "Lévis"));
    for (String name : List.of("one-signature", "two-signatures")) {
      Map<String, Object> r = theirs.get(name);
      assertThat(r.get("ok")).as(name + ": " + r.get("error")).isEqualTo(true);
      SdJwtVerifier verifier =
          new SdJwtVerifier(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey));
      HeldSdJwt held =
          new SdJwtHolder(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey))
              .acceptJson((String) r.get("issued"));
      assertThat(held.disclosedClaims()).hasSize(4);
      List<String> presentations = new ArrayList<>();
      presentations.add((String) r.get("presentation"));
      if (r.get("flattenedPresentation") != null) {
        presentations.add((String) r.get("flattenedPresentation"));
      }
      for (String p : presentations) {
        VerificationResult v = verifier.verifyJson(p, KB);
        assertThat(v.isVerified()).as(name + ": " + v + " " + p).isTrue();
        assertThat(((VerificationResult.Verified) v).claims())
            .containsAllEntriesOf(expected)
            .doesNotContainKey("given_name");
      }
    }
  }

  @Test
  void whenTheirsPutsKidBothProtectedAndUnprotectedThenOursRefusesItAsRfc7515Requires()
      throws Exception {
    Map<String, Object> r =
        NodeInterop.run("json-issue-present.mjs", List.of(issueCase("kid-both", "both", issuerKey)))
            .get("kid-both");
    assertThat(r.get("ok")).as(String.valueOf(r.get("error"))).isEqualTo(true);
    VerificationResult v =
        new SdJwtVerifier(options(JsonSignaturePolicy.ALL, issuerKey))
            .verifyJson((String) r.get("presentation"), KB);
    assertThat(SdJwtVerifierRejectionTest.error(v))
        .isEqualTo(
            new SdJwtError.Malformed(
                SdJwtError.Part.ISSUER_JWT, "header parameter both protected and unprotected"));
  }

  @Test
  void whenTheirsVerifiesTheRfcJsonExamplesThenItSeesTheRfcClaims() throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    Map<String, Object> expected = new LinkedHashMap<>();
    for (String file :
        List.of(
            "8.2-flattened-issuance.txt",
            "8.2-flattened-presentation.txt",
            "8.3-general-presentation.txt")) {
      Rfc9901VectorsTest.Vector v = Rfc9901VectorsTest.load(file);
      boolean kb = v.has("presentation-json");
      List<Object> jwks = new ArrayList<>();
      jwks.add(JSONObjectUtils.parse(v.blocks().get("issuer-key")));
      if (v.has("issuer-key-2")) {
        jwks.add(JSONObjectUtils.parse(v.blocks().get("issuer-key-2")));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", file);
      m.put("json", v.base64(kb ? "presentation-json" : "sd-jwt-json"));
      m.put("issuerPublicJwks", jwks);
      m.put("kb", kb ? Map.of("aud", "https://verifier.example.org", "nonce", "1234567890") : null);
      m.put("now", v.now().getEpochSecond());
      cases.add(m);
      expected.put(file, v.json("processed"));
    }
    Map<String, Map<String, Object>> theirs = NodeInterop.run("json-verify.mjs", cases);
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Map<String, Object> r = theirs.get(e.getKey());
      assertThat(r.get("ok")).as(e.getKey() + ": " + r.get("error")).isEqualTo(true);
      assertThat(r.get("payload")).as(e.getKey()).isEqualTo(e.getValue());
    }
  }
}
