package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.Rfc9901VectorsTest.Vector;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.FixedKeyResolver;
import ca.idnum.sdk.trust.JwtVcIssuerMetadataFetcher;
import ca.idnum.sdk.trust.JwtVcIssuerMetadataResolver;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every example of the SD-JWT VC draft (-11) with verifiable data, one resource file each. */
class SdJwtVcDraftVectorsTest {
  static final String DIR = "/sdjwt/sd-jwt-vc/";

  static Vector load(String file) throws IOException {
    return Rfc9901VectorsTest.loadResource(DIR + file);
  }

  static String text(String file) throws IOException {
    try (InputStream in = SdJwtVcDraftVectorsTest.class.getResourceAsStream(DIR + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JwtVcIssuerMetadataFetcher fetcher(Map<URI, String> documents) {
    return uri -> {
      String doc = documents.get(uri);
      if (doc == null) {
        throw new IOException("404");
      }
      return doc;
    };
  }

  @Test
  void whenTheIssuedSdJwtVcDigestsAreRecomputedThenTheyEqualTheDraft() throws Exception {
    Vector v = load("3.3-issuance.txt");
    assertThat(v.digests()).hasSize(9);
    for (Map.Entry<String, String> e : v.digests().entrySet()) {
      assertThat(Disclosure.parse(e.getValue()).digest(HashAlgorithm.SHA_256))
          .isEqualTo(e.getKey());
    }
  }

  @Test
  void whenTheIssuedSdJwtVcIsVerifiedWithKeysFromIssuerMetadataThenAllClaimsAppear()
      throws Exception {
    Vector v = load("3.3-issuance.txt");
    Map<String, Object> metadata = JSONObjectUtils.parse(text("5.2-issuer-metadata-jwks.json"));
    metadata.put("issuer", "https://example.com/issuer");
    Map<URI, String> docs = new HashMap<>();
    docs.put(
        URI.create("https://example.com/.well-known/jwt-vc-issuer/issuer"),
        JSONObjectUtils.toJSONString(metadata));
    VerifierOptions options =
        VerifierOptions.builder(
                new JwtVcIssuerMetadataResolver(
                    fetcher(docs), iss -> iss.startsWith("https://example.com/")))
            .clock(Clock.fixed(v.now(), ZoneOffset.UTC))
            .build();
    VerificationResult r = new SdJwtVcVerifier(options).verify(v.base64("sd-jwt"), null);
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified ok = (VerificationResult.Verified) r;
    assertThat(ok.issuerHeader().getKeyID()).isEqualTo("doc-signer-05-25-2022");
    assertThat(ok.claims())
        .containsEntry("vct", "https://credentials.example.com/identity_credential")
        .containsEntry("given_name", "John")
        .containsEntry("is_over_21", true)
        .containsEntry("birthdate", "1940-01-01");
  }

  @Test
  void whenThePresentationWithKeyBindingIsVerifiedThenTheProcessedPayloadIsTheDraftOne()
      throws Exception {
    Vector v = load("4.2-presentation-with-key-binding.txt");
    Map<String, Object> kb = v.json("kb");
    VerificationResult r =
        new SdJwtVcVerifier(v.options())
            .verify(
                v.base64("presentation"),
                new KeyBindingExpectation((String) kb.get("aud"), (String) kb.get("nonce")));
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    assertThat(((VerificationResult.Verified) r).keyBound()).isTrue();
    assertThat(((VerificationResult.Verified) r).claims()).isEqualTo(v.json("processed"));
  }

  @Test
  void whenThePresentationWithoutKeyBindingIsVerifiedThenItPassesOnlyIfKeyBindingIsNotRequired()
      throws Exception {
    Vector v = load("4.2-presentation-without-key-binding.txt");
    VerificationResult r = new SdJwtVcVerifier(v.options()).verify(v.base64("presentation"), null);
    assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
    assertThat(((VerificationResult.Verified) r).claims()).isEqualTo(v.json("processed"));
    assertThat(
            new SdJwtVcVerifier(v.options())
                .verify(v.base64("presentation"), new KeyBindingExpectation("https://x", "n")))
        .isEqualTo(new VerificationResult.Rejected(new SdJwtError.KeyBindingMissing()));
  }

  @Test
  void whenTheDraftMetadataExamplesAreResolvedThenTheKeyIsSelectedByKid() throws Exception {
    Map<URI, String> docs = new HashMap<>();
    URI wellKnown = URI.create("https://example.com/.well-known/jwt-vc-issuer");
    docs.put(wellKnown, text("5.2-issuer-metadata-jwks.json"));
    JwtVcIssuerMetadataResolver resolver =
        new JwtVcIssuerMetadataResolver(fetcher(docs), "https://example.com"::equals);
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("doc-signer-06-05-2025").build();
    ECKey expected =
        (ECKey)
            JWKSet.parse(
                    (Map<String, Object>)
                        JSONObjectUtils.parse(text("5.2-issuer-metadata-jwks.json")).get("jwks"))
                .getKeyByKeyId("doc-signer-06-05-2025");
    assertThat(resolver.resolve(header, Map.of("iss", "https://example.com")))
        .isEqualTo(expected.toECPublicKey());

    docs.put(wellKnown, text("5.2-issuer-metadata-jwks-uri.json"));
    docs.put(
        URI.create("https://jwt-vc-issuer.example.com/my_public_keys.jwks"),
        new JWKSet(expected).toString());
    assertThat(resolver.resolve(header, Map.of("iss", "https://example.com")))
        .isEqualTo(expected.toECPublicKey());
  }

  @Test
  void whenTheIssuedSdJwtVcIsVerifiedWithAFixedKeyAndWrongKidThenRefused() throws Exception {
    Vector v = load("3.3-issuance.txt");
    ECKey key = ECKey.parse(v.blocks().get("issuer-key"));
    VerifierOptions options =
        VerifierOptions.builder(new FixedKeyResolver(key.toECPublicKey(), "another-kid"))
            .clock(Clock.fixed(v.now(), ZoneOffset.UTC))
            .build();
    assertThat(new SdJwtVcVerifier(options).verify(v.base64("sd-jwt"), null))
        .isEqualTo(
            new VerificationResult.Rejected(new SdJwtError.IssuerKeyUnresolved("UNKNOWN_KEY_ID")));
  }
}
