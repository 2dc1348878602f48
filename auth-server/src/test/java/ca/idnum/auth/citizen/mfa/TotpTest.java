package ca.idnum.auth.citizen.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

  /** RFC 6238 appendix B secret for SHA-1. */
  private static final TotpSecret RFC =
      TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void whenRfc6238VectorsAreComputedThenTheLastSixDigitsMatch() {
    // RFC 6238 appendix B (8 digits): 94287082, 07081804, 14050471, 89005924, 69279037
    assertThat(Totp.code(RFC, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(Totp.code(RFC, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
    assertThat(Totp.code(RFC, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
    assertThat(Totp.code(RFC, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
    assertThat(Totp.code(RFC, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
  }

  @Test
  void whenTheCodeIsOfTheStepBeforeOrAfterThenItIsAcceptedButNotTwoStepsAway() {
    Instant now = Instant.parse("2026-11-23T12:00:15Z");
    long step = Totp.step(now);
    for (long s = step - 1; s <= step + 1; s++) {
      assertThat(Totp.matchingStep(RFC, Totp.code(RFC, s), now)).hasValue(s);
    }
    assertThat(Totp.matchingStep(RFC, Totp.code(RFC, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC, Totp.code(RFC, step + 2), now)).isEmpty();
  }

  @Test
  void whenTheWindowEdgeIsReachedThenTheOldCodeExpiresOnTheSecond() {
    Instant stepStart = Instant.ofEpochSecond(Totp.STEP_SECONDS * 1_000_000);
    String code = Totp.code(RFC, Totp.step(stepStart));
    // valid through the next step (drift of one step), refused from the step after
    assertThat(Totp.matchingStep(RFC, code, stepStart.plusSeconds(59))).isPresent();
    assertThat(Totp.matchingStep(RFC, code, stepStart.plusSeconds(60))).isEmpty();
    assertThat(Totp.matchingStep(RFC, code, stepStart.minusSeconds(30))).isPresent();
    assertThat(Totp.matchingStep(RFC, code, stepStart.minusSeconds(31))).isEmpty();
  }

  @Test
  void whenTheCodeIsMalformedThenItIsRefused() {
    Instant now = Instant.now();
    assertThat(Totp.matchingStep(RFC, null, now)).isEmpty();
    assertThat(Totp.matchingStep(RFC, "", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC, "12345", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC, "1234567", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC, "abcdef", now)).isEmpty();
  }

  @Test
  void whenTheKeyIsShownThenBase32RoundTripsAndTheOtpauthUriNamesIssuerAndAccount() {
    TotpSecret secret = TotpSecret.generate();
    assertThat(TotpSecret.fromBase32(secret.grouped().toLowerCase())).isEqualTo(secret);
    assertThat(Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.otpauthUri(secret, "IdNum", "a b@example.org"))
        .startsWith("otpauth://totp/IdNum:a%20b%40example.org?secret=" + secret.base32())
        .contains("issuer=IdNum", "digits=6", "period=30");
    assertThat(secret.toString()).doesNotContain(secret.base32());
  }
}
