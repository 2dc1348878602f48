package ca.idnum.sdk.sdjwtvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.SdJwtError;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import ca.idnum.sdk.sdjwt.TestKeys;
import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.trust.FixedKeyResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdJwtVcTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String VCT = "https://credentials.idnum.ca/proof-of-age";
  final TestKey issuerKey = TestKeys.es256("vc-issuer");
  final TestKey holderKey = TestKeys.ed25519("holder");

  SdJwtIssuer core(String typ) {
    return SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
        .type(typ)
        .keyId("vc-issuer")
        .build();
  }

  VerifierOptions options() {
    return VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  SdJwtVcClaims claims() {
    return SdJwtVcClaims.builder(VCT)
        .issuer("https://issuer.example.ca")
        .issuedAt(NOW)
        .notBefore(NOW)
        .expiresAt(NOW.plusSeconds(86400))
        .holderKey(holderKey.publicJwk())
        .status(Map.of("status_list", Map.of("idx", 12, "uri", "https://issuer.example.ca/sl/1")))
        .claim("age_over_18", true)
        .claim("birthdate", "1990-04-01")
        .build();
  }

  static SdJwtError error(VerificationResult r) {
    assertThat(r).isInstanceOf(VerificationResult.Rejected.class);
    return ((VerificationResult.Rejected) r).error();
  }

  @Test
  void whenAnSdJwtVcIsIssuedAndPresentedWithEdDsaKeyBindingThenItVerifies() throws Exception {
    SdJwt issued =
        new SdJwtVcIssuer(core(SdJwtVc.TYPE))
            .issue(
                claims(),
                DisclosurePolicy.builder()
                    .disclosable("age_over_18")
                    .disclosable("birthdate")
                    .build());
    SdJwtHolder holder = new SdJwtHolder(options());
    String presentation =
        holder.presentWithKeyBinding(
            holder.accept(issued.serialize()),
            List.of(ClaimPath.of("age_over_18")),
            "https://rp.example.ca",
            "n1",
            holderKey.signer(),
            holderKey.algorithm());
    VerificationResult r =
        new SdJwtVcVerifier(options())
            .verify(presentation, new KeyBindingExpectation("https://rp.example.ca", "n1"));
    assertThat(r.isVerified()).as(r.toString()).isTrue();
    Map<String, Object> c = ((VerificationResult.Verified) r).claims();
    assertThat(c)
        .containsEntry("vct", VCT)
        .containsEntry("age_over_18", true)
        .containsKeys("iss", "iat", "nbf", "exp", "cnf", "status")
        .doesNotContainKey("birthdate");
  }

  @Test
  void whenANeverDisclosableClaimIsMadeDisclosableThenIssuanceIsRefused() {
    SdJwtVcIssuer issuer = new SdJwtVcIssuer(core(SdJwtVc.TYPE));
    for (String name : List.of("iss", "nbf", "exp", "cnf", "vct", "status")) {
      assertThatThrownBy(
              () -> issuer.issue(claims(), DisclosurePolicy.builder().disclosable(name).build()))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("never");
    }
    assertThatThrownBy(
            () ->
                issuer.issue(
                    claims(),
                    DisclosurePolicy.builder().disclosable("status", "status_list").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenClaimsAreInvalidThenTheyAreRefused() {
    assertThatThrownBy(() -> SdJwtVcClaims.builder(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SdJwtVcClaims.builder(VCT).claim("iss", "x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SdJwtVcClaims.builder(VCT).holderKey(holderKey.jwk()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SdJwtVcIssuer(core("example+sd-jwt")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTypIsNotDcSdJwtThenWrongType() {
    SdJwt plain = core("example+sd-jwt").issue(claims().toPayload(), DisclosurePolicy.none());
    assertThat(error(new SdJwtVcVerifier(options()).verify(plain.serialize(), null)))
        .isEqualTo(new SdJwtError.WrongType(SdJwtError.Part.ISSUER_JWT, "example+sd-jwt"));
  }

  @Test
  void whenVctIsMissingThenMissingClaim() {
    SdJwt noVct = core(SdJwtVc.TYPE).issue(Map.of("iss", "https://x"), DisclosurePolicy.none());
    assertThat(error(new SdJwtVcVerifier(options()).verify(noVct.serialize(), null)))
        .isEqualTo(new SdJwtError.MissingClaim("vct"));
  }

  @Test
  void whenAnotherIssuerDisclosedANeverDisclosableClaimThenNotDisclosable() {
    SdJwt sneaky =
        core(SdJwtVc.TYPE)
            .issue(claims().toPayload(), DisclosurePolicy.builder().disclosable("exp").build());
    assertThat(error(new SdJwtVcVerifier(options()).verify(sneaky.serialize(), null)))
        .isEqualTo(new SdJwtError.NotDisclosable("exp"));
  }
}
