package ca.idnum.auth.citizen.password;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.EmailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  private static final EmailAddress EMAIL = EmailAddress.of("Jean.Tremblay@Exemple.qc.ca");

  private final PasswordPolicy policy =
      new PasswordPolicy(new PasswordProperties(15, 128, null), CommonPasswords.bundled());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "une phrase de passe assez longue",
        "Demo-citoyen-2026!",
        "correct cheval pile agrafe",
        "ÉtéÀMontréal—2026",
        "日本語のパスワードはとても長い",
        "🙂🙃🙂 emoji et espaces 🙃",
        "alllowercaseonlyletters",
        "               padded but long enough x",
      })
  void whenAPasswordIsLongEnoughAndNotPredictableThenItIsAcceptedWithoutCompositionRules(
      String password) {
    assertThat(policy.check(password, EMAIL)).isEmpty();
  }

  @Test
  void whenAPasswordIsShorterThan15CodePointsThenItIsTooShort() {
    assertThat(policy.check("quatorze carac", EMAIL)).containsExactly(PasswordViolation.TOO_SHORT);
    assertThat(policy.check("quinze caractèr", EMAIL)).isEmpty();
    // 15 code points, 30 UTF-16 units: length is counted in characters, not in chars
    assertThat(policy.check("🙂".repeat(14) + "x", EMAIL)).isEmpty();
  }

  @Test
  void whenNfkcFoldsCompatibilityCharactersThenLengthIsCountedAfterNormalisation() {
    // U+FB03 (the "ffi" ligature) becomes three letters under NFKC
    assertThat(policy.check("e\uFB03cace et sûr!", EMAIL)).isEmpty();
  }

  @Test
  void whenAPasswordIsLongerThanTheMaximumThenItIsTooLong() {
    assertThat(policy.check("x".repeat(64) + "y".repeat(65), EMAIL))
        .containsExactly(PasswordViolation.TOO_LONG);
    assertThat(policy.check("une phrase ".repeat(11).substring(0, 120) + "fin", EMAIL))
        .doesNotContain(PasswordViolation.TOO_LONG);
  }

  @Test
  void whenAPasswordHasAControlCharacterThenItIsRefused() {
    assertThat(policy.check("une phrase de passe\u0007 longue", EMAIL))
        .contains(PasswordViolation.UNSUPPORTED_CHARACTER);
    assertThat(policy.check("une phrase de passe\tlongue", EMAIL))
        .contains(PasswordViolation.UNSUPPORTED_CHARACTER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password12345678",
        "Password2026!!!!!",
        "!!!!motdepasse2026",
        "je me souviens 1608",
        "Correct Horse Battery Staple",
        "baseball12345678",
        "iloveyou1234567890"
      })
  void whenAPasswordIsACommonPasswordPossiblyPaddedThenItIsRefusedAsCommon(String password) {
    assertThat(policy.check(password, EMAIL)).containsExactly(PasswordViolation.COMMON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aaaaaaaaaaaaaaaa",
        "abcabcabcabcabcabc",
        "123456789012345678",
        "azertyuiopqsdfghjklm",
        "qwertyuiopasdfghjkl",
        "zyxwvutsrqponmlkji",
        "1q2w3e4r5t6y7u8i9o0p",
        "hello!hello!hello!"
      })
  void whenAPasswordIsARepetitionOrAKeyRunThenItIsRefusedAsPredictable(String password) {
    assertThat(policy.check(password, EMAIL)).containsExactly(PasswordViolation.PREDICTABLE);
  }

  @Test
  void whenThePasswordIsOrContainsTheEmailAddressThenItIsRefused() {
    assertThat(policy.check("jean.tremblay@exemple.qc.ca", EMAIL))
        .contains(PasswordViolation.CONTAINS_EMAIL);
    assertThat(policy.check("xx JEAN.TREMBLAY@EXEMPLE.QC.CA xx", EMAIL))
        .contains(PasswordViolation.CONTAINS_EMAIL);
    assertThat(policy.check("jean.tremblay2026!!", EMAIL))
        .contains(PasswordViolation.CONTAINS_EMAIL);
  }

  @Test
  void theBundledListHoldsTheTenThousandCommonPasswordsAndTheExtraList() {
    CommonPasswords list = CommonPasswords.bundled();
    assertThat(list.size()).isGreaterThan(10_000);
    assertThat(list.contains("123456")).isTrue();
    assertThat(list.contains("PASSWORD")).isTrue();
    assertThat(list.contains("motdepasse")).isTrue();
    assertThat(list.contains("Demo-citoyen-2026!")).isFalse();
  }
}
