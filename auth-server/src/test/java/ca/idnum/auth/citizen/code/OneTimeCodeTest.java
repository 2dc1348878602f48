package ca.idnum.auth.citizen.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

  @Test
  void whenCodesAreGeneratedThenTheyAreEightRandomDigits() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = OneTimeCode.generate();
      assertThat(code).matches("\\d{8}");
      seen.add(code);
    }
    assertThat(seen).hasSizeGreaterThan(195);
  }

  @Test
  void whenACodeIsTypedWithSpacesOrHyphensThenItStillParses() {
    assertThat(OneTimeCode.parse(" 1234 5678 ")).contains("12345678");
    assertThat(OneTimeCode.parse("1234-5678")).contains("12345678");
    assertThat(OneTimeCode.parse("1234567")).isEmpty();
    assertThat(OneTimeCode.parse("1234567a")).isEmpty();
    assertThat(OneTimeCode.parse("١٢٣٤٥٦٧٨")).as("only ASCII digits").isEmpty();
  }

  @Test
  void whenADigestIsComparedThenOnlyTheSameCodeForTheSameHolderMatches() {
    UUID holder = UUID.randomUUID();
    String digest = OneTimeCode.digest(holder, "12345678");
    assertThat(digest).doesNotContain("12345678").hasSize(64);
    assertThat(OneTimeCode.matches(holder, "12345678", digest)).isTrue();
    assertThat(OneTimeCode.matches(holder, "12345679", digest)).isFalse();
    assertThat(OneTimeCode.matches(UUID.randomUUID(), "12345678", digest)).isFalse();
  }
}
