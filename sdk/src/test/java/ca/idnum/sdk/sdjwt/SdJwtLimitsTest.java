package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.SdJwtError.Limit;
import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdJwtLimitsTest {
  final TestKey issuerKey = TestKeys.es256("k");
  final SdJwtLimits limits = new SdJwtLimits(20_000, 10, 5, 50);
  final SdJwtVerifier verifier =
      new SdJwtVerifier(
          VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
              .limits(limits)
              .build());

  String issue(Map<String, Object> claims, DisclosurePolicy policy) {
    return SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
        .build()
        .issue(claims, policy)
        .serialize();
  }

  static SdJwtError error(VerificationResult r) {
    return SdJwtVerifierRejectionTest.error(r);
  }

  @Test
  void whenTheSerializationIsTooLongThenTotalLengthLimit() {
    String big = "a".repeat(25_000);
    assertThat(error(verifier.verify(issue(Map.of("x", big), DisclosurePolicy.none()), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.TOTAL_LENGTH, 20_000));
  }

  @Test
  void whenThereAreTooManyDisclosuresThenDisclosureCountLimit() {
    Map<String, Object> claims = new LinkedHashMap<>();
    DisclosurePolicy.Builder policy = DisclosurePolicy.builder();
    for (int i = 0; i < 11; i++) {
      claims.put("c" + i, i);
      policy.disclosable("c" + i);
    }
    assertThat(error(verifier.verify(issue(claims, policy.build()), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.DISCLOSURE_COUNT, 10));
  }

  @Test
  void whenClaimsAreNestedTooDeeplyThenNestingDepthLimit() {
    Object v = "leaf";
    for (int i = 0; i < 6; i++) {
      v = Map.of("n", v);
    }
    assertThat(error(verifier.verify(issue(Map.of("deep", v), DisclosurePolicy.none()), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 5));
  }

  @Test
  void whenDisclosuresNestTooDeeplyThenNestingDepthLimit() {
    Object v = "leaf";
    DisclosurePolicy.Builder policy = DisclosurePolicy.builder();
    List<Object> path = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      v = List.of(v);
    }
    path.add("deep");
    policy.disclosable(ClaimPath.of(path.toArray()));
    for (int i = 0; i < 6; i++) {
      path.add(0);
      policy.disclosable(ClaimPath.of(path.toArray()));
    }
    assertThat(error(verifier.verify(issue(Map.of("deep", v), policy.build()), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 5));
  }

  @Test
  void whenAnArrayIsTooLongThenArrayLengthLimit() {
    List<Integer> list = new ArrayList<>(Collections.nCopies(51, 1));
    assertThat(error(verifier.verify(issue(Map.of("arr", list), DisclosurePolicy.none()), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.ARRAY_LENGTH, 50));
  }

  @Test
  void whenTooManyDecoyDigestsThenArrayLengthLimit() {
    DisclosurePolicy policy = DisclosurePolicy.builder().decoys(ClaimPath.root(), 60).build();
    assertThat(error(verifier.verify(issue(Map.of("a", 1), policy), null)))
        .isEqualTo(new SdJwtError.LimitExceeded(Limit.ARRAY_LENGTH, 50));
  }

  @Test
  void whenWithinLimitsThenVerified() {
    assertThat(
            verifier
                .verify(issue(Map.of("a", List.of(1, 2)), DisclosurePolicy.none()), null)
                .isVerified())
        .isTrue();
  }

  String signRaw(String payloadJson) throws Exception {
    com.nimbusds.jose.JWSHeader header =
        new com.nimbusds.jose.JWSHeader.Builder(issuerKey.algorithm()).build();
    String input = header.toBase64URL() + "." + Json.b64(payloadJson);
    return input
        + "."
        + issuerKey
            .signer()
            .sign(header, input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void whenJsonIsNestedHundredThousandLevelsDeepThenItIsRefusedWithoutStackOverflow()
      throws Exception {
    SdJwtVerifier big =
        new SdJwtVerifier(
            VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
                .limits(new SdJwtLimits(2_000_000, 10, 32, 50))
                .build());
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String disclosure = Json.b64("[\"c2FsdA\",\"n\"," + deep + "]");
    String digest = HashAlgorithm.SHA_256.digest(disclosure);
    String jwt = signRaw("{\"_sd\":[\"" + digest + "\"]}");
    SdJwtError e1 = error(big.verify(jwt + "~" + disclosure + "~", null));
    assertThat(e1)
        .isIn(
            new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 32),
            new SdJwtError.Malformed(SdJwtError.Part.DISCLOSURE, "not a JSON array"));
    String deepPayload = "{\"a\":" + "{\"b\":".repeat(100_000) + "1" + "}".repeat(100_001);
    SdJwtError e2 = error(big.verify(signRaw(deepPayload) + "~", null));
    assertThat(e2)
        .isIn(
            new SdJwtError.LimitExceeded(Limit.NESTING_DEPTH, 32),
            new SdJwtError.Malformed(
                SdJwtError.Part.ISSUER_JWT, "header, payload or signature is not base64url JSON"));
  }
}
