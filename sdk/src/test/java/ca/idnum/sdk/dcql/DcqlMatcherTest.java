package ca.idnum.sdk.dcql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.sdjwt.ClaimPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selection on the wallet side and exact-match checks on the verifier side. */
class DcqlMatcherTest {

  private static final String ID = "https://credentials.example.com/identity_credential";
  private static final String REDUCED =
      "https://credentials.example.com/reduced_identity_credential";
  private static final String RESIDENCE = "https://cred.example/residence_credential";

  private static DcqlMatcher.Candidate<String> candidate(
      String vct, Map<String, Object> claims, String name) {
    return new DcqlMatcher.Candidate<>(vct, claims, name);
  }

  @Test
  void whenThePreferredOptionCannotBeMetThenTheNextCredentialSetOptionIsChosen() throws Exception {
    DcqlQuery q = DcqlQuery.parse(DcqlQueryTest.example("credential-sets.json"));
    List<DcqlMatcher.Match<String>> m =
        DcqlMatcher.select(
            q,
            List.of(
                candidate(REDUCED, Map.of("family_name", "Doe", "given_name", "J"), "reduced"),
                candidate(
                    RESIDENCE,
                    Map.of("postal_code", "90210", "locality", "X", "region", "Y"),
                    "residence")));
    assertThat(m.stream().map(DcqlMatcher.Match::credentialQueryId))
        .containsExactly("pid_reduced_cred_1", "pid_reduced_cred_2");
  }

  @Test
  void whenNoOptionOfARequiredSetCanBeMetThenThereIsNoMatch() throws Exception {
    DcqlQuery q = DcqlQuery.parse(DcqlQueryTest.example("credential-sets.json"));
    DcqlException e =
        catchThrowableOfType(
            DcqlException.class,
            () ->
                DcqlMatcher.select(
                    q, List.of(candidate(REDUCED, Map.of("family_name", "D"), "x"))));
    assertThat(e.reason()).isEqualTo(DcqlException.Reason.NO_MATCH);
  }

  @Test
  void whenClaimSetsAreGivenThenTheFirstSatisfiableSetIsDisclosed() throws Exception {
    DcqlQuery q = DcqlQuery.parse(DcqlQueryTest.example("claim-sets.json"));
    List<DcqlMatcher.Match<String>> m =
        DcqlMatcher.select(
            q,
            List.of(
                candidate(
                    ID,
                    Map.of("last_name", "Doe", "postal_code", "1", "date_of_birth", "2000"),
                    "pid")));
    assertThat(m.get(0).paths())
        .containsExactly(
            ClaimPath.of("last_name"), ClaimPath.of("postal_code"), ClaimPath.of("date_of_birth"));
  }

  @Test
  void whenValuesAreRequiredThenOnlyMatchingCredentialsAnswer() throws Exception {
    DcqlQuery q = DcqlQuery.parse(DcqlQueryTest.example("values.json"));
    Map<String, Object> doe =
        Map.of(
            "last_name", "Doe",
            "first_name", "J",
            "postal_code", "90211",
            "address", Map.of("street_address", "1 A St"));
    Map<String, Object> roe = new java.util.HashMap<>(doe);
    roe.put("last_name", "Roe");
    assertThat(DcqlMatcher.select(q, List.of(candidate(ID, roe, "roe"), candidate(ID, doe, "doe"))))
        .singleElement()
        .satisfies(x -> assertThat(x.candidate().handle()).isEqualTo("doe"));
  }

  @Test
  void whenAPresentationDisclosesMoreOrLessOrOtherThanAskedThenTheCheckFails() throws Exception {
    DcqlQuery q = DcqlQuery.single("age", "urn:age", "age_over_18");
    Map<String, Object> claims =
        Map.of("vct", "urn:age", "age_over_18", true, "age_over_65", false);
    DcqlMatcher.check(
        q,
        Map.of(
            "age",
            List.of(
                new DcqlMatcher.Presented(
                    "urn:age", claims, List.of(ClaimPath.of("age_over_18"))))));

    assertThat(
            reason(
                q,
                "age",
                "urn:age",
                claims,
                ClaimPath.of("age_over_18"),
                ClaimPath.of("age_over_65")))
        .isEqualTo(DcqlException.Reason.EXTRA_CLAIM);
    assertThat(reason(q, "age", "urn:age", Map.of("vct", "urn:age")))
        .isEqualTo(DcqlException.Reason.MISSING_CLAIM);
    assertThat(reason(q, "age", "urn:other", claims, ClaimPath.of("age_over_18")))
        .isEqualTo(DcqlException.Reason.WRONG_TYPE);
    assertThat(reason(q, "nope", "urn:age", claims, ClaimPath.of("age_over_18")))
        .isEqualTo(DcqlException.Reason.UNKNOWN_CREDENTIAL_QUERY);
    DcqlException missing =
        catchThrowableOfType(DcqlException.class, () -> DcqlMatcher.check(q, Map.of()));
    assertThat(missing.reason()).isEqualTo(DcqlException.Reason.MISSING_CREDENTIAL);
  }

  private static DcqlException.Reason reason(
      DcqlQuery q, String id, String vct, Map<String, Object> claims, ClaimPath... disclosed) {
    DcqlException e =
        catchThrowableOfType(
            DcqlException.class,
            () ->
                DcqlMatcher.check(
                    q,
                    Map.of(
                        id, List.of(new DcqlMatcher.Presented(vct, claims, List.of(disclosed))))));
    return e == null ? null : e.reason();
  }
}
