package ca.idnum.auth.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostalAddressTest {

  @Test
  void whenTheAddressIsCanadianThenThePostalCodeIsNormalisedAndTheClaimFollowsOidcCore() {
    PostalAddress address =
        new PostalAddress(
            " 1000, rue Saint-Jean ", "Québec", Optional.of(" QC "), "g1r4s9", "Canada");

    assertThat(address.postalCode()).isEqualTo("G1R 4S9");
    assertThat(address.streetAddress()).isEqualTo("1000, rue Saint-Jean");
    assertThat(address.toClaim())
        .containsExactly(
            java.util.Map.entry("formatted", "1000, rue Saint-Jean\nQuébec QC  G1R 4S9\nCanada"),
            java.util.Map.entry("street_address", "1000, rue Saint-Jean"),
            java.util.Map.entry("locality", "Québec"),
            java.util.Map.entry("region", "QC"),
            java.util.Map.entry("postal_code", "G1R 4S9"),
            java.util.Map.entry("country", "Canada"));
  }

  @Test
  void whenTheRegionIsBlankThenItIsAbsentFromTheClaim() {
    PostalAddress address =
        new PostalAddress("12 High Street", "Oxford", Optional.of("  "), "OX1 4AW", "UK");
    assertThat(address.region()).isEmpty();
    assertThat(address.toClaim())
        .doesNotContainKey("region")
        .containsEntry("postal_code", "OX1 4AW");
  }

  @Test
  void whenAFieldIsMissingTooLongOrMalformedThenTheAddressIsRefused() {
    assertThatThrownBy(() -> new PostalAddress("", "Québec", Optional.empty(), "G1R 4S9", "Canada"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PostalAddress("x".repeat(201), "Québec", Optional.empty(), "G1R 4S9", "Canada"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new PostalAddress("1 rue A", "Québec", Optional.empty(), "12345", "Canada"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new PostalAddress("1 rue A\u0000", "Québec", Optional.empty(), "G1R 4S9", "CA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
