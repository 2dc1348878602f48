package ca.idnum.auth.citizen.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @Test
  void whenAnAddressIsParsedThenItIsTrimmedAndItsKeyIsLowerCase() {
    EmailAddress email = EmailAddress.parse("  Marie.Cote@Exemple.QC.ca ").orElseThrow();
    assertThat(email.value()).isEqualTo("Marie.Cote@Exemple.QC.ca");
    assertThat(email.normalized()).isEqualTo("marie.cote@exemple.qc.ca");
    assertThat(email.localPart()).isEqualTo("marie.cote");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sans-arobase",
        "@exemple.ca",
        "nom@",
        "nom@localhost",
        "deux@@exemple.ca",
        "nom@exemple..ca",
        "nom @exemple.ca",
        "nom@.exemple.ca",
        "<nom>@exemple.ca"
      })
  void whenTextIsNotAPlausibleAddressThenItIsRefused(String text) {
    assertThat(EmailAddress.parse(text)).isEmpty();
  }

  @Test
  void whenAnAddressIsTooLongThenItIsRefused() {
    assertThat(EmailAddress.parse("a".repeat(65) + "@exemple.ca")).isEmpty();
    assertThat(EmailAddress.parse("a@" + "b".repeat(250) + ".ca")).isEmpty();
  }
}
