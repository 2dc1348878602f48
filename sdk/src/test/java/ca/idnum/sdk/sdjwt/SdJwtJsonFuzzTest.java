package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the JWS JSON Serialization parser (RFC 9901 §8): arbitrary documents, and
 * the RFC's §8.3 General presentation with an arbitrary unprotected header. The only acceptable
 * outcome is a typed result or {@link SdJwtException}: no other exception, no hang. Without {@code
 * JAZZER_FUZZ} they replay their seed inputs; with {@code JAZZER_FUZZ=1} each fuzzes for at most 15
 * seconds, as {@link SdJwtFuzzTest} does.
 */
class SdJwtJsonFuzzTest {
  private static final SdJwtVerifier VERIFIER = verifier();
  private static final String GENERAL = general();

  private static SdJwtVerifier verifier() {
    try {
      return Rfc9901JsonVectorsTest.generalVerifier(true, JsonSignaturePolicy.AT_LEAST_ONE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String general() {
    try {
      return Rfc9901JsonVectorsTest.general().base64("presentation-json");
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
  void whenAnyJsonIsVerifiedThenOnlyATypedResultComesOut(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    assertTyped(VERIFIER.verifyJson(input, Rfc9901VectorsTest.RFC_KB));
    assertTyped(VERIFIER.verifyJson(input, null));
    try {
      SdJwtJson parsed = SdJwtJson.parse(input);
      assertThat(SdJwtJson.parse(parsed.serializeGeneral())).isEqualTo(parsed);
    } catch (SdJwtException e) {
      assertThat(e.error()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenTheFirstUnprotectedHeaderIsAnythingThenOnlyATypedResultComesOut(
      FuzzedDataProvider data) {
    String header = data.consumeRemainingAsString();
    int start = GENERAL.indexOf("\"header\":") + "\"header\":".length();
    int end = GENERAL.indexOf(",\"protected\"", start);
    String input = GENERAL.substring(0, start) + header + GENERAL.substring(end);
    assertTyped(VERIFIER.verifyJson(input, Rfc9901VectorsTest.RFC_KB));
  }
}
