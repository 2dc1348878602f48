package ca.idnum.auth.assurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import org.junit.jupiter.api.Test;

class AcrRequestTest {

  @Test
  void whenNothingIsAskedThenLevel1IsEnoughAndNotEssential() throws Exception {
    assertThat(AcrRequest.parse(null, null)).isEqualTo(AssuranceRequirement.NONE);
    assertThat(AcrRequest.parse("  ", null)).isEqualTo(AssuranceRequirement.NONE);
  }

  @Test
  void whenAcrValuesListSeveralLevelsThenTheLowestKnownOneIsVoluntarilyRequired() throws Exception {
    assertThat(AcrRequest.parse("urn:idnum:loa:3 urn:idnum:loa:2 urn:other:gold", null))
        .isEqualTo(AssuranceRequirement.voluntary(LevelOfAssurance.LOA2));
    assertThat(AcrRequest.parse("urn:other:gold", null)).isEqualTo(AssuranceRequirement.NONE);
  }

  @Test
  void whenTheClaimsParameterAsksAnEssentialAcrThenItIsEssential() throws Exception {
    assertThat(
            AcrRequest.parse(
                null,
                "{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"urn:idnum:loa:3\"}}}"))
        .isEqualTo(AssuranceRequirement.essential(LevelOfAssurance.LOA3));
    assertThat(
            AcrRequest.parse(
                "urn:idnum:loa:3",
                "{\"userinfo\":{\"acr\":{\"essential\":true,\"values\":[\"urn:idnum:loa:2\"]}}}"))
        .isEqualTo(new AssuranceRequirement(LevelOfAssurance.LOA3, LevelOfAssurance.LOA2));
    assertThat(AcrRequest.parse(null, "{\"id_token\":{\"acr\":null,\"email\":null}}"))
        .isEqualTo(AssuranceRequirement.NONE);
  }

  @Test
  void whenTheClaimsParameterIsMalformedThenItIsRefused() {
    assertThatThrownBy(() -> AcrRequest.parse(null, "not json"))
        .isInstanceOf(AcrRequest.Malformed.class);
    assertThatThrownBy(() -> AcrRequest.parse(null, "{\"id_token\":\"acr\"}"))
        .isInstanceOf(AcrRequest.Malformed.class);
    assertThatThrownBy(() -> AcrRequest.parse(null, "{\"a\":\"" + "x".repeat(5000) + "\"}"))
        .isInstanceOf(AcrRequest.Malformed.class);
  }

  @Test
  void whenTwoRequirementsCombineThenTheHigherRequestedAndTheHigherRequiredLevelsAreKept() {
    AssuranceRequirement voluntary3 = AssuranceRequirement.voluntary(LevelOfAssurance.LOA3);
    AssuranceRequirement essential2 = AssuranceRequirement.essential(LevelOfAssurance.LOA2);
    // a voluntary level 3 does not weaken an essential level 2 (a client minimum, say)
    assertThat(voluntary3.and(essential2))
        .isEqualTo(new AssuranceRequirement(LevelOfAssurance.LOA3, LevelOfAssurance.LOA2));
    assertThat(essential2.and(AssuranceRequirement.voluntary(LevelOfAssurance.LOA2)))
        .isEqualTo(essential2);
  }
}
