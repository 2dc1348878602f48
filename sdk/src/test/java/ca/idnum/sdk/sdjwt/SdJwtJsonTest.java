package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.sdk.sdjwt.SdJwtError.Limit;
import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import ca.idnum.sdk.trust.JwkSetKeyResolver;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SD-JWT in JWS JSON Serialization (RFC 9901 §8) end to end: issue, hold, present with Key Binding
 * and verify in JSON; several issuer signatures (§8.3); compact ↔ JSON conversions keep
 * presentations valid; the input limits apply to JSON.
 */
class SdJwtJsonTest {
  static final String AUD = "https://verifier.example.ca";
  static final String NONCE = "nonce-json-1";
  static final KeyBindingExpectation KB = new KeyBindingExpectation(AUD, NONCE);

  final TestKey issuerKey = TestKeys.es256("issuer-1");
  final TestKey secondIssuerKey = TestKeys.es384("issuer-2");
  final TestKey holderKey = TestKeys.es256("holder");

  SdJwtIssuer issuer(TestKey key) {
    return SdJwtIssuer.builder(key.signer(), key.algorithm())
        .keyId(key.jwk().getKeyID())
        .type("example+sd-jwt")
        .build();
  }

  VerifierOptions options(JsonSignaturePolicy policy, TestKey... trusted) {
    List<com.nimbusds.jose.jwk.JWK> keys =
        java.util.Arrays.stream(trusted).map(TestKey::publicJwk).toList();
    return VerifierOptions.builder(new JwkSetKeyResolver(new JWKSet(keys)))
        .acceptType("example+sd-jwt")
        .clock(SdJwtRoundTripTest.CLOCK)
        .jsonSignaturePolicy(policy)
        .build();
  }

  static SdJwtError error(VerificationResult r) {
    return SdJwtVerifierRejectionTest.error(r);
  }

  @Test
  void whenIssuedHeldAndPresentedInFlattenedJsonThenTheVerifierSeesOnlyTheSelectedClaims()
      throws Exception {
    SdJwtJson issued =
        issuer(issuerKey)
            .issueJson(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy());
    VerifierOptions options = options(JsonSignaturePolicy.ALL, issuerKey);
    SdJwtHolder holder = new SdJwtHolder(options);
    HeldSdJwt held = holder.acceptJson(issued.serializeFlattened());
    assertThat(held.sdJwt()).isEqualTo(issued.toCompact());
    SdJwtJson presented =
        holder.presentJsonWithKeyBinding(
            SdJwtJson.parse(issued.serializeFlattened()),
            List.of(ClaimPath.of("address", "locality"), ClaimPath.of("nationalities", 1)),
            AUD,
            NONCE,
            holderKey.signer(),
            holderKey.algorithm());
    VerificationResult r =
        new SdJwtVerifier(options).verifyJson(presented.serializeFlattened(), KB);
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    VerificationResult.Verified ok = (VerificationResult.Verified) r;
    assertThat(ok.keyBound()).isTrue();
    assertThat(ok.claims())
        .containsEntry("address", Map.of("locality", "Québec"))
        .containsEntry("nationalities", List.of("FR"))
        .doesNotContainKeys("given_name", "family_name");
    Map<String, Object> header =
        JSONObjectUtils.getJSONObject(
            JSONObjectUtils.parse(presented.serializeFlattened()), "header");
    assertThat(header).containsOnlyKeys("disclosures", "kb_jwt");
  }

  @Test
  void whenASecondIssuerSignsThenTheGeneralFormVerifiesUnderEitherPolicy() throws Exception {
    SdJwtJson issued =
        issuer(secondIssuerKey)
            .addSignature(
                issuer(issuerKey)
                    .issueJson(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy()));
    assertThat(issued.signatures()).hasSize(2);
    assertThatThrownBy(issued::serializeFlattened).isInstanceOf(IllegalStateException.class);
    String general = issued.serializeGeneral();
    SdJwtHolder holder =
        new SdJwtHolder(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey));
    SdJwtJson presented =
        holder.presentJsonWithKeyBinding(
            SdJwtJson.parse(general),
            List.of(ClaimPath.of("given_name")),
            AUD,
            NONCE,
            holderKey.signer(),
            holderKey.algorithm());
    assertThat(presented.signatures()).isEqualTo(issued.signatures());
    String token = presented.serializeGeneral();
    assertThat(
            new SdJwtVerifier(options(JsonSignaturePolicy.ALL, issuerKey, secondIssuerKey))
                .verifyJson(token, KB)
                .isVerified())
        .isTrue();
    assertThat(
            error(
                new SdJwtVerifier(options(JsonSignaturePolicy.ALL, issuerKey))
                    .verifyJson(token, KB)))
        .isInstanceOf(SdJwtError.IssuerKeyUnresolved.class);
    for (TestKey only : List.of(issuerKey, secondIssuerKey)) {
      VerificationResult r =
          new SdJwtVerifier(options(JsonSignaturePolicy.AT_LEAST_ONE, only)).verifyJson(token, KB);
      assertThat(r.isVerified()).as(only.jwk().getKeyID() + ": " + r).isTrue();
      assertThat(((VerificationResult.Verified) r).claims()).containsEntry("given_name", "Marie");
    }
    TestKey stranger = TestKeys.es256("stranger");
    assertThat(
            error(
                new SdJwtVerifier(options(JsonSignaturePolicy.AT_LEAST_ONE, stranger))
                    .verifyJson(token, KB)))
        .isInstanceOf(SdJwtError.IssuerKeyUnresolved.class);
  }

  @Test
  void whenACompactPresentationIsConvertedToJsonThenItStillVerifiesAndBack() throws Exception {
    SdJwt issued =
        issuer(issuerKey).issue(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy());
    VerifierOptions options = options(JsonSignaturePolicy.ALL, issuerKey);
    SdJwtHolder holder = new SdJwtHolder(options);
    String compact =
        holder.presentWithKeyBinding(
            holder.accept(issued.serialize()),
            List.of(ClaimPath.of("family_name")),
            AUD,
            NONCE,
            holderKey.signer(),
            holderKey.algorithm());
    SdJwtJson json = SdJwtJson.fromCompact(SdJwt.parse(compact));
    SdJwtVerifier verifier = new SdJwtVerifier(options);
    assertThat(verifier.verifyJson(json.serializeFlattened(), KB).isVerified()).isTrue();
    assertThat(verifier.verifyJson(json.serializeGeneral(), KB).isVerified()).isTrue();
    assertThat(SdJwtJson.parse(json.serializeGeneral()).toCompact().serialize()).isEqualTo(compact);
    assertThat(SdJwtJson.parse(json.serializeFlattened()).toCompact().serialize())
        .isEqualTo(compact);
  }

  @Test
  void whenTheIssuedJsonCarriesAKbJwtThenTheHolderRefusesIt() throws Exception {
    SdJwtJson issued =
        issuer(issuerKey)
            .issueJson(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy())
            .withKeyBinding("a.b.c");
    assertThatThrownBy(
            () ->
                new SdJwtHolder(options(JsonSignaturePolicy.ALL, issuerKey))
                    .acceptJson(issued.serializeFlattened()))
        .isInstanceOf(SdJwtException.class);
    assertThatThrownBy(() -> issuer(secondIssuerKey).addSignature(issued))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheJsonExceedsALimitThenLimitExceeded() {
    SdJwtLimits limits = new SdJwtLimits(20_000, 3, 6, 2);
    SdJwtVerifier verifier =
        new SdJwtVerifier(
            VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
                .limits(limits)
                .build());
    SdJwtJson issued =
        issuer(issuerKey)
            .issueJson(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy());
    assertThat(error(verifier.verifyJson(" ".repeat(20_001), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.TOTAL_LENGTH, 20_000));
    assertThat(error(verifier.verifyJson(issued.serializeFlattened(), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.DISCLOSURE_COUNT, 3));
    assertThat(error(verifier.verifyJson("[".repeat(7) + "]".repeat(7), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 6));
    String deepHeader =
        "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\",\"header\":{\"x\":"
            + "[".repeat(10)
            + "]".repeat(10)
            + "}}";
    assertThat(error(verifier.verifyJson(deepHeader, null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 6));
    SdJwtJson three =
        issuer(issuerKey)
            .addSignature(issuer(issuerKey).addSignature(issued.withDisclosures(List.of())));
    assertThat(error(verifier.verifyJson(three.serializeGeneral(), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.ARRAY_LENGTH, 2));
  }

  @Test
  void whenTheJsonIsNotAnSdJwtThenMalformed() {
    SdJwtVerifier verifier =
        new SdJwtVerifier(
            VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey())).build());
    for (String bad :
        List.of(
            "",
            "[]",
            "{}",
            "{\"payload\":\"e30\"}",
            "{\"payload\":\"\",\"protected\":\"e30\",\"signature\":\"AA\"}",
            "{\"payload\":\"e30\",\"signatures\":[]}",
            "{\"payload\":\"e30\",\"signatures\":[1]}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\",\"signatures\":[]}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\",\"header\":[]}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\","
                + "\"header\":{\"disclosures\":\"x\"}}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\","
                + "\"header\":{\"disclosures\":[1]}}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\","
                + "\"header\":{\"kb_jwt\":7}}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\","
                + "\"header\":{\"disclosures\":null}}",
            "{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"AA\","
                + "\"header\":{\"kb_jwt\":null}}",
            "{\"payload\":\"e30\",\"protected\":\"eyJraWQiOiJhIn0\",\"signature\":\"AA\","
                + "\"header\":{\"kid\":\"a\"}}")) {
      assertThat(error(verifier.verifyJson(bad, null)))
          .as(bad)
          .isInstanceOf(SdJwtError.Malformed.class);
    }
  }

  @Test
  void whenAnSdJwtVcIsPresentedInJsonThenTheVcVerifierAppliesItsRules() throws Exception {
    ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer vcIssuer =
        new ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer(
            SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
                .type(ca.idnum.sdk.sdjwtvc.SdJwtVc.TYPE)
                .keyId("issuer-1")
                .build());
    SdJwt issued =
        vcIssuer.issue(
            ca.idnum.sdk.sdjwtvc.SdJwtVcClaims.builder("https://credentials.idnum.ca/proof-of-age")
                .issuer("https://issuer.example.ca")
                .issuedAt(SdJwtRoundTripTest.NOW)
                .holderKey(holderKey.publicJwk())
                .claim("age_over_18", true)
                .build(),
            DisclosurePolicy.builder().disclosable("age_over_18").build());
    VerifierOptions options = options(JsonSignaturePolicy.ALL, issuerKey);
    SdJwtJson presented =
        new SdJwtHolder(options.withAcceptedTypes(java.util.Set.of("dc+sd-jwt")))
            .presentJsonWithKeyBinding(
                SdJwtJson.fromCompact(issued),
                List.of(ClaimPath.of("age_over_18")),
                AUD,
                NONCE,
                holderKey.signer(),
                holderKey.algorithm());
    ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier vc = new ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier(options);
    VerificationResult r = vc.verifyJson(presented.serializeFlattened(), KB);
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    assertThat(((VerificationResult.Verified) r).claims()).containsEntry("age_over_18", true);
    SdJwtJson plain =
        issuer(issuerKey)
            .issueJson(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy());
    assertThat(error(vc.verifyJson(plain.serializeFlattened(), null)))
        .isInstanceOf(SdJwtError.WrongType.class);
  }
}
