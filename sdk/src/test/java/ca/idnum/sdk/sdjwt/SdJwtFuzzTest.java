package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jazzer fuzz tests of every SD-JWT parser: the compact SD-JWT / SD-JWT+KB serialization, the
 * Disclosure decoder, the Key Binding JWT and the processing of arbitrary signed payloads. The only
 * acceptable outcome is a typed result ({@link VerificationResult}) or {@link SdJwtException}: no
 * other exception, no hang. Without {@code JAZZER_FUZZ} they replay their seed inputs; with {@code
 * JAZZER_FUZZ=1} each fuzzes for at most 15 seconds.
 */
class SdJwtFuzzTest {
  private static final Rfc9901VectorsTest.Vector RFC = load();
  private static final SdJwtVerifier RFC_VERIFIER = rfcVerifier();
  private static final TestKey KEY = TestKeys.es256("fuzz");
  private static final SdJwtVerifier OWN_VERIFIER =
      new SdJwtVerifier(
          VerifierOptions.builder(new FixedKeyResolver(KEY.publicKey()))
              .clock(Clock.fixed(Rfc9901VectorsTest.KB_IAT, ZoneOffset.UTC))
              .limits(new SdJwtLimits(64 * 1024, 64, 16, 256))
              .build());

  private static Rfc9901VectorsTest.Vector load() {
    try {
      return Rfc9901VectorsTest.load("5.2-presentation.txt");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SdJwtVerifier rfcVerifier() {
    try {
      return new SdJwtVerifier(RFC.options());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertTyped(VerificationResult r) {
    assertThat(r).isNotNull();
    if (r instanceof VerificationResult.Rejected rejected) {
      assertThat(rejected.error().message()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyStringIsVerifiedThenOnlyATypedResultComesOut(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    assertTyped(RFC_VERIFIER.verify(input, Rfc9901VectorsTest.RFC_KB));
    assertTyped(RFC_VERIFIER.verify(input, null));
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyDisclosureIsDecodedThenOnlySdJwtExceptionComesOut(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    try {
      Disclosure d = Disclosure.parse(input);
      assertThat(d.encoded()).isEqualTo(input);
      assertThat(d.salt()).isNotNull();
    } catch (SdJwtException e) {
      assertThat(e.error()).isInstanceOf(SdJwtError.Malformed.class);
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyKeyBindingJwtIsAttachedThenOnlyATypedResultComesOut(FuzzedDataProvider data)
      throws SdJwtException {
    String prefix = SdJwt.parse(RFC.base64("presentation")).serializeWithoutKeyBinding();
    VerificationResult r =
        RFC_VERIFIER.verify(prefix + data.consumeRemainingAsString(), Rfc9901VectorsTest.RFC_KB);
    assertTyped(r);
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnySignedPayloadAndDisclosuresAreProcessedThenOnlyATypedResultComesOut(
      FuzzedDataProvider data) {
    String payloadJson = data.consumeString(2000);
    String disclosures = data.consumeRemainingAsString();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    String input = Json.b64(Json.write(header)) + "." + Json.b64(payloadJson);
    String jwt;
    try {
      jwt =
          input
              + "."
              + KEY.signer()
                  .sign(
                      com.nimbusds.jose.JWSHeader.parse(header),
                      input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertTyped(OWN_VERIFIER.verify(jwt + "~" + disclosures, null));
  }
}
