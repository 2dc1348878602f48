package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of RFC 9901 that carries verifiable data, one resource file per example. */
class Rfc9901VectorsTest {

  static final List<String> FILES =
      List.of(
          "4.2-disclosures.txt",
          "5.1-issuance.txt",
          "5.2-presentation.txt",
          "6.1-flat.txt",
          "6.2-structured.txt",
          "6.3-recursive.txt",
          "A.1-simple-structured.txt",
          "A.2-complex-structured.txt",
          "A.3-sd-jwt-vc-issuance.txt",
          "A.3-sd-jwt-vc-presentation.txt",
          "A.4-w3c-vcdm-issuance.txt",
          "A.4-w3c-vcdm-presentation.txt");

  /** The KB-JWTs of the RFC were created at this time. */
  static final Instant KB_IAT = Instant.ofEpochSecond(1748537243L);

  static final KeyBindingExpectation RFC_KB =
      new KeyBindingExpectation("https://verifier.example.org", "1234567890");

  /** One parsed vector file. */
  record Vector(String name, Map<String, String> blocks, Map<String, String> digests) {
    String base64(String block) {
      return blocks.get(block).replaceAll("\\s+", "");
    }

    Map<String, Object> json(String block) throws Exception {
      return JSONObjectUtils.parse(blocks.get(block));
    }

    boolean has(String block) {
      return blocks.containsKey(block);
    }

    VerifierOptions options() throws Exception {
      ECKey key = ECKey.parse(blocks.get("issuer-key"));
      VerifierOptions.Builder b =
          VerifierOptions.builder(new FixedKeyResolver(key.toECPublicKey()))
              .clock(Clock.fixed(now(), ZoneOffset.UTC))
              .keyBindingMaxAge(Duration.ofMinutes(5));
      if (has("typ")) {
        b.acceptType(blocks.get("typ").trim());
      }
      return b.build();
    }

    Instant now() {
      return has("now") ? Instant.ofEpochSecond(Long.parseLong(blocks.get("now").trim())) : KB_IAT;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Vector load(String file) throws IOException {
    return loadResource("/sdjwt/rfc9901/" + file);
  }

  static Vector loadResource(String resource) throws IOException {
    String file = resource.substring(resource.lastIndexOf('/') + 1);
    try (InputStream in = Rfc9901VectorsTest.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> blocks = new LinkedHashMap<>();
      Map<String, String> digests = new LinkedHashMap<>();
      String current = null;
      StringBuilder sb = new StringBuilder();
      List<String> lines = new ArrayList<>(List.of(text.split("\n")));
      lines.add("@end");
      for (String line : lines) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("@")) {
          if (current != null) {
            if (current.startsWith("digest ")) {
              digests.put(current.substring(7).trim(), sb.toString().replaceAll("\\s+", ""));
            } else {
              blocks.put(current, sb.toString());
            }
          }
          current = line.substring(1).trim();
          sb.setLength(0);
        } else {
          sb.append(line).append('\n');
        }
      }
      return new Vector(file, blocks, digests);
    }
  }

  static Stream<Vector> vectors() throws IOException {
    List<Vector> list = new ArrayList<>();
    for (String f : FILES) {
      list.add(load(f));
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void whenDisclosureDigestsAreRecomputedThenTheyEqualTheRfcDigests(Vector v) throws Exception {
    for (Map.Entry<String, String> e : v.digests().entrySet()) {
      Disclosure d = Disclosure.parse(e.getValue());
      assertThat(d.digest(HashAlgorithm.SHA_256)).as(e.getValue()).isEqualTo(e.getKey());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void whenTheRfcExampleIsVerifiedThenTheProcessedPayloadIsTheRfcOne(Vector v) throws Exception {
    if (v.has("sd-jwt")) {
      VerificationResult r = new SdJwtVerifier(v.options()).verify(v.base64("sd-jwt"), null);
      assertThat(r).isInstanceOf(VerificationResult.Verified.class);
      VerificationResult.Verified ok = (VerificationResult.Verified) r;
      assertThat(ok.disclosed()).hasSize(SdJwt.parse(v.base64("sd-jwt")).disclosures().size());
      if (v.has("processed")) {
        assertThat(ok.claims()).isEqualTo(v.json("processed"));
      }
    }
    if (v.has("presentation")) {
      boolean kb = SdJwt.parse(v.base64("presentation")).hasKeyBinding();
      VerificationResult r =
          new SdJwtVerifier(v.options()).verify(v.base64("presentation"), kb ? RFC_KB : null);
      assertThat(r).as(r.toString()).isInstanceOf(VerificationResult.Verified.class);
      VerificationResult.Verified ok = (VerificationResult.Verified) r;
      assertThat(ok.keyBound()).isEqualTo(kb);
      assertThat(ok.claims()).isEqualTo(v.json("processed"));
    }
    if (v.has("payload")) {
      List<Disclosure> disclosures = new ArrayList<>();
      for (String d : v.digests().values()) {
        disclosures.add(Disclosure.parse(d));
      }
      Processor.Result r = Processor.process(v.json("payload"), disclosures, SdJwtLimits.DEFAULT);
      assertThat(r.claims()).isEqualTo(v.json("processed"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void whenTheKeyBindingPayloadIsRecomputedThenSdHashMatches(Vector v) throws Exception {
    if (!v.has("kb-payload")) {
      return;
    }
    SdJwt p = SdJwt.parse(v.base64("presentation"));
    assertThat(HashAlgorithm.SHA_256.digest(p.serializeWithoutKeyBinding()))
        .isEqualTo(v.json("kb-payload").get("sd_hash"));
  }

  @Test
  void whenTheSameClaimIsEncodedDifferentlyThenItDecodesEquallyButHashesDifferently()
      throws Exception {
    Vector v = load("4.2-disclosures.txt");
    Disclosure reference =
        Disclosure.parse(v.digests().get("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"));
    assertThat(reference.claimValue()).isEqualTo("Möbius");
    for (String variant : List.of("unicode-escape", "no-white-space", "newlines")) {
      Disclosure d = Disclosure.parse(v.base64("equivalent " + variant));
      assertThat(d.salt()).isEqualTo(reference.salt());
      assertThat(d.claimName()).isEqualTo(reference.claimName());
      assertThat(d.claimValue()).isEqualTo(reference.claimValue());
      assertThat(d.digest(HashAlgorithm.SHA_256))
          .isNotEqualTo(reference.digest(HashAlgorithm.SHA_256));
    }
  }

  @Test
  void whenTheRfcPresentationIsSentToAnotherVerifierThenAudienceMismatch() throws Exception {
    Vector v = load("5.2-presentation.txt");
    VerificationResult r =
        new SdJwtVerifier(v.options())
            .verify(v.base64("presentation"), new KeyBindingExpectation("https://x", "1234567890"));
    assertThat(r)
        .isEqualTo(
            new VerificationResult.Rejected(
                new SdJwtError.AudienceMismatch("https://x", "https://verifier.example.org")));
  }

  @Test
  void whenTheRfcSdJwtVcIsVerifiedAsSdJwtVcThenVctIsPresent() throws Exception {
    Vector v = load("A.3-sd-jwt-vc-presentation.txt");
    VerificationResult r =
        new SdJwtVcVerifier(v.options()).verify(v.base64("presentation"), RFC_KB);
    assertThat(r.isVerified()).isTrue();
    assertThat(((VerificationResult.Verified) r).claims())
        .containsEntry("vct", "urn:eudi:pid:de:1");
    Vector issued = load("A.3-sd-jwt-vc-issuance.txt");
    VerificationResult full =
        new SdJwtVcVerifier(issued.options()).verify(issued.base64("sd-jwt"), null);
    assertThat(full.isVerified()).isTrue();
    assertThat(((VerificationResult.Verified) full).claims())
        .containsEntry("given_name", "Erika")
        .containsEntry("age_in_years", 62L)
        .containsEntry(
            "address",
            Map.of(
                "street_address", "Heidestraße 17",
                "locality", "Köln",
                "postal_code", "51147",
                "country", "DE"));
  }

  @Test
  void whenTheRfcIssuedSdJwtIsHeldThenEveryClaimIsListedWithItsPath() throws Exception {
    Vector v = load("5.1-issuance.txt");
    HeldSdJwt held = new SdJwtHolder(v.options()).accept(v.base64("sd-jwt"));
    assertThat(held.disclosedClaims())
        .extracting(DisclosedClaim::path)
        .contains(
            ClaimPath.of("given_name"),
            ClaimPath.of("nationalities", 0),
            ClaimPath.of("nationalities", 1));
    SdJwt presented =
        new SdJwtHolder(v.options())
            .present(held, List.of(ClaimPath.of("nationalities", 1), ClaimPath.of("email")));
    assertThat(presented.disclosures())
        .extracting(Disclosure::claimValue)
        .containsExactly("johndoe@example.com", "DE");
  }
}
