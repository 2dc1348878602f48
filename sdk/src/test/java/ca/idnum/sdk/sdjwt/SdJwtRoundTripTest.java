package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SdJwtRoundTripTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static Map<String, Object> claims(TestKey holder) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", "https://issuer.example.ca");
    c.put("iat", NOW.getEpochSecond());
    c.put("exp", NOW.getEpochSecond() + 3600);
    c.put("given_name", "Marie");
    c.put("family_name", "Tremblay");
    c.put("address", Map.of("street_address", "1 rue Principale", "locality", "Québec"));
    c.put("nationalities", List.of("CA", "FR"));
    c.put("cnf", Map.of("jwk", holder.publicJwk().toJSONObject()));
    return c;
  }

  static DisclosurePolicy policy() {
    return DisclosurePolicy.builder()
        .disclosable("given_name")
        .disclosable("family_name")
        .disclosable("address")
        .disclosable("address", "street_address")
        .disclosable("address", "locality")
        .disclosable("nationalities", (Object) null)
        .decoys(ClaimPath.root(), 3)
        .decoys(ClaimPath.of("nationalities"), 2)
        .build();
  }

  static VerifierOptions options(TestKey issuer) {
    return VerifierOptions.builder(new FixedKeyResolver(issuer.publicKey())).clock(CLOCK).build();
  }

  static List<TestKey> keys() {
    return List.of(
        TestKeys.es256("i1"), TestKeys.es384("i2"), TestKeys.ps256("i3"), TestKeys.ed25519("i4"));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void whenIssuedPresentedWithKeyBindingThenVerifierSeesExactlyTheSelectedClaims(TestKey issuerKey)
      throws Exception {
    TestKey holderKey = TestKeys.es256("h");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
            .keyId(issuerKey.jwk().getKeyID())
            .type("example+sd-jwt")
            .build()
            .issue(claims(holderKey), policy());
    assertThat(issued.disclosures()).hasSize(7);

    SdJwtHolder holder = new SdJwtHolder(options(issuerKey));
    HeldSdJwt held = holder.accept(issued.serialize());
    assertThat(held.claims()).containsEntry("given_name", "Marie");
    assertThat(held.disclosedClaims())
        .extracting(DisclosedClaim::path)
        .contains(ClaimPath.of("address", "locality"), ClaimPath.of("nationalities", 1));

    String presentation =
        holder.presentWithKeyBinding(
            held,
            List.of(ClaimPath.of("address", "locality"), ClaimPath.of("nationalities", 0)),
            "https://verifier.example.ca",
            "n-0S6_WzA2Mj",
            holderKey.signer(),
            holderKey.algorithm());

    VerificationResult r =
        new SdJwtVerifier(options(issuerKey))
            .verify(
                presentation,
                new KeyBindingExpectation("https://verifier.example.ca", "n-0S6_WzA2Mj"));
    assertThat(r).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified v = (VerificationResult.Verified) r;
    assertThat(v.keyBound()).isTrue();
    assertThat(v.claims())
        .doesNotContainKeys("given_name", "family_name", "_sd", "_sd_alg")
        .containsEntry("address", Map.of("locality", "Québec"))
        .containsEntry("nationalities", List.of("CA"));
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void whenAnyHashAlgorithmIsUsedThenSdAlgIsSetAndVerificationSucceeds(HashAlgorithm alg)
      throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
            .hashAlgorithm(alg)
            .build()
            .issue(claims(TestKeys.es256("h")), policy());
    VerificationResult r = new SdJwtVerifier(options(issuerKey)).verify(issued.serialize(), null);
    assertThat(r.isVerified()).isTrue();
    assertThat(((VerificationResult.Verified) r).hashAlgorithm()).isEqualTo(alg);
    assertThat(((VerificationResult.Verified) r).claims()).containsEntry("given_name", "Marie");
  }

  @Test
  void whenParentIsRequestedThenNestedDisclosuresComeWithIt() throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
            .build()
            .issue(claims(TestKeys.es256("h")), policy());
    SdJwtHolder holder = new SdJwtHolder(options(issuerKey));
    HeldSdJwt held = holder.accept(issued.serialize());
    SdJwt onlyAddress = holder.present(held, List.of(ClaimPath.of("address")));
    assertThat(onlyAddress.disclosures()).hasSize(3);
    SdJwt allNationalities = holder.present(held, List.of(ClaimPath.of("nationalities", null)));
    assertThat(allNationalities.disclosures()).hasSize(2);
    VerificationResult r = new SdJwtVerifier(options(issuerKey)).verify(onlyAddress, null);
    assertThat(((VerificationResult.Verified) r).claims().get("address"))
        .isEqualTo(Map.of("street_address", "1 rue Principale", "locality", "Québec"));
  }

  @Test
  void whenAPathNamesNoClaimThenSelectionIsRefused() throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
            .build()
            .issue(claims(TestKeys.es256("h")), policy());
    HeldSdJwt held = new SdJwtHolder(options(issuerKey)).accept(issued.serialize());
    assertThatThrownBy(() -> SdJwtHolder.select(held, List.of(ClaimPath.of("birthdate"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenPolicyNamesAnAbsentClaimOrReservedNameThenIssuanceIsRefused() {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwtIssuer issuer = SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm()).build();
    assertThatThrownBy(
            () -> issuer.issue(Map.of("a", 1), DisclosurePolicy.builder().disclosable("b").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.issue(Map.of("_sd", 1), DisclosurePolicy.none()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.issue(Map.of("_sd_alg", "x"), DisclosurePolicy.none()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenSaltsAreDrawnThenTheyHave128BitsAndDifferPerDisclosure() {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
            .build()
            .issue(claims(TestKeys.es256("h")), policy());
    assertThat(issued.disclosures())
        .allSatisfy(d -> assertThat(Json.unb64(d.salt())).hasSize(16))
        .extracting(Disclosure::salt)
        .doesNotHaveDuplicates();
  }

  @Test
  void whenNoAlgorithmIsGivenThenEs256IsUsed() throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer())
            .build()
            .issue(Map.of("a", 1), DisclosurePolicy.none());
    assertThat(SdJwt.parse(issued.serialize()).issuerSignedJwt())
        .startsWith("eyJhbGciOiJFUzI1NiJ9");
    assertThat(new SdJwtVerifier(options(issuerKey)).verify(issued, null).isVerified()).isTrue();
  }

  @Test
  void whenHeldThenEveryClaimIsListedWithItsPathAndWhetherItIsDisclosable() throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer())
            .build()
            .issue(claims(TestKeys.es256("h")), policy());
    HeldSdJwt held = new SdJwtHolder(options(issuerKey)).accept(issued.serialize());
    assertThat(held.claimPaths())
        .contains(
            ClaimPath.of("iss"),
            ClaimPath.of("address"),
            ClaimPath.of("address", "locality"),
            ClaimPath.of("nationalities", 1),
            ClaimPath.of("cnf", "jwk", "kty"));
    assertThat(held.isSelectivelyDisclosable(ClaimPath.of("address", "locality"))).isTrue();
    assertThat(held.isSelectivelyDisclosable(ClaimPath.of("nationalities", 1))).isTrue();
    assertThat(held.isSelectivelyDisclosable(ClaimPath.of("iss"))).isFalse();
  }

  @Test
  void whenTheSdJwtHasNoHolderKeyThenKeyBindingIsRefusedByTheHolder() throws Exception {
    TestKey issuerKey = TestKeys.es256("i");
    TestKey holderKey = TestKeys.es256("h");
    SdJwt issued =
        SdJwtIssuer.builder(issuerKey.signer())
            .build()
            .issue(Map.of("a", 1), DisclosurePolicy.builder().disclosable("a").build());
    SdJwtHolder holder = new SdJwtHolder(options(issuerKey));
    HeldSdJwt held = holder.accept(issued.serialize());
    assertThatThrownBy(
            () ->
                holder.presentWithKeyBinding(
                    held,
                    List.of(ClaimPath.of("a")),
                    "aud",
                    "nonce",
                    holderKey.signer(),
                    holderKey.algorithm()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cnf");
  }
}
