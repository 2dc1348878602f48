package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwtvc.SdJwtVc;
import ca.idnum.sdk.sdjwtvc.SdJwtVcClaims;
import ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of sdk/README.md, kept here so that it keeps compiling and working. */
class ReadmeExampleTest {

  @Test
  void whenTheReadmeExampleRunsThenTheVerifierSeesOnlyTheChosenClaim() throws Exception {
    // --- README example start ---
    ECKey issuerKey = new ECKeyGenerator(Curve.P_256).keyID("saaq-2026").generate();
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate(); // lives in the wallet
    Instant now = Instant.now();

    // 1. Issuer (a public body): an SD-JWT VC bound to the holder's key.
    SdJwtVcIssuer issuer =
        new SdJwtVcIssuer(
            SdJwtIssuer.builder(new ECDSASigner(issuerKey), JWSAlgorithm.ES256)
                .type(SdJwtVc.TYPE)
                .keyId("saaq-2026")
                .build());
    SdJwt credential =
        issuer.issue(
            SdJwtVcClaims.builder("https://credentials.idnum.ca/proof-of-age")
                .issuer("https://saaq.example.ca")
                .issuedAt(now)
                .expiresAt(now.plus(365, ChronoUnit.DAYS))
                .holderKey(holderKey.toPublicJWK())
                .claim("given_name", "Marie")
                .claim("age_over_18", true)
                .claim("address", Map.of("locality", "Québec", "postal_code", "G1R 4S9"))
                .build(),
            DisclosurePolicy.builder()
                .disclosable("given_name")
                .disclosable("age_over_18")
                .disclosable("address")
                .disclosable("address", "locality")
                .disclosable("address", "postal_code")
                .decoys(ClaimPath.root(), 2)
                .build());
    String issued = credential.serialize();

    // 2. Holder (the wallet): check what was issued, then disclose only age_over_18.
    VerifierOptions trust =
        VerifierOptions.builder(new FixedKeyResolver(issuerKey.toECPublicKey())).build();
    SdJwtHolder holder = new SdJwtHolder(trust);
    HeldSdJwt held = holder.accept(issued);
    String nonce = "c2VydmVyLW5vbmNl";
    String presentation =
        holder.presentWithKeyBinding(
            held,
            List.of(ClaimPath.of("age_over_18")),
            "https://rp.example.ca",
            nonce,
            new ECDSASigner(holderKey),
            JWSAlgorithm.ES256);

    // 3. Verifier (a relying body): signature, digests, expiry and key binding.
    VerificationResult result =
        new SdJwtVcVerifier(trust)
            .verify(presentation, new KeyBindingExpectation("https://rp.example.ca", nonce));
    if (result instanceof VerificationResult.Verified verified) {
      System.out.println("over 18: " + verified.claims().get("age_over_18"));
    } else if (result instanceof VerificationResult.Rejected rejected) {
      System.out.println("refused: " + rejected.error().message());
    }
    // --- README example end ---

    assertThat(held.disclosedClaims()).hasSize(5);
    assertThat(result.isVerified()).isTrue();
    assertThat(((VerificationResult.Verified) result).claims())
        .containsEntry("age_over_18", true)
        .doesNotContainKeys("given_name", "address");
  }

  @Test
  void whenTheReadmeJsonExampleRunsThenTheFlattenedPresentationVerifies() throws Exception {
    ECKey issuerKey = new ECKeyGenerator(Curve.P_256).keyID("saaq-2026").generate();
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
    SdJwtIssuer sdJwtIssuer =
        SdJwtIssuer.builder(new ECDSASigner(issuerKey), JWSAlgorithm.ES256)
            .keyId("saaq-2026")
            .build();
    VerifierOptions trust =
        VerifierOptions.builder(new FixedKeyResolver(issuerKey.toECPublicKey())).build();
    // --- README JSON example start ---
    // Issuer: the Disclosures travel in the unprotected header (RFC 9901 §8.2).
    SdJwtJson issuedJson =
        sdJwtIssuer.issueJson(
            Map.of(
                "iss",
                "https://saaq.example.ca",
                "cnf",
                Map.of("jwk", holderKey.toPublicJWK().toJSONObject()),
                "given_name",
                "Marie",
                "age_over_18",
                true),
            DisclosurePolicy.builder()
                .disclosable("given_name")
                .disclosable("age_over_18")
                .build());
    // {"payload":"..","protected":"..","header":{"disclosures":[..]},"signature":".."}
    String flattened = issuedJson.serializeFlattened();

    // Holder: checks it, keeps age_over_18 only and adds kb_jwt to the header (§8.1).
    SdJwtJson presented =
        new SdJwtHolder(trust)
            .presentJsonWithKeyBinding(
                SdJwtJson.parse(flattened),
                List.of(ClaimPath.of("age_over_18")),
                "https://rp.example.ca",
                "c2VydmVyLW5vbmNl",
                new ECDSASigner(holderKey),
                JWSAlgorithm.ES256);

    // Verifier: the same checks as for the compact form; sd_hash covers the compact equivalent.
    VerificationResult result =
        new SdJwtVerifier(trust)
            .verifyJson(
                presented.serializeFlattened(),
                new KeyBindingExpectation("https://rp.example.ca", "c2VydmVyLW5vbmNl"));
    String compact = presented.toCompact().serialize(); // the same presentation, compact
    // --- README JSON example end ---

    assertThat(result.isVerified()).as(result.toString()).isTrue();
    assertThat(((VerificationResult.Verified) result).claims())
        .containsEntry("age_over_18", true)
        .doesNotContainKey("given_name");
    assertThat(
            new SdJwtVerifier(trust)
                .verify(
                    compact, new KeyBindingExpectation("https://rp.example.ca", "c2VydmVyLW5vbmNl"))
                .isVerified())
        .isTrue();
  }
}
