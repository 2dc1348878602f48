package ca.idnum.sdk.dcql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.sdjwt.ClaimPath;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DCQL examples of OpenID4VP 1.0 parse and round-trip; malformed queries are refused. */
class DcqlQueryTest {

  static Map<String, Object> example(String name) throws Exception {
    try (InputStream in = DcqlQueryTest.class.getResourceAsStream("/openid4vp/dcql/" + name)) {
      return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"simple.json", "credential-sets.json", "claim-sets.json", "values.json"})
  void whenASpecExampleIsParsedThenItRoundTrips(String name) throws Exception {
    DcqlQuery q = DcqlQuery.parse(example(name));
    assertThat(DcqlQuery.parse(q.toJson())).isEqualTo(q);
  }

  @Test
  void whenTheCredentialSetsExampleIsParsedThenOptionsAndRequiredAreKept() throws Exception {
    DcqlQuery q = DcqlQuery.parse(example("credential-sets.json"));
    assertThat(q.credentials()).hasSize(5);
    assertThat(q.credentialSets()).hasSize(2);
    assertThat(q.credentialSets().get(0).required()).isTrue();
    assertThat(q.credentialSets().get(1).required()).isFalse();
    assertThat(q.credential("pid").orElseThrow().claims().get(2).path())
        .isEqualTo(ClaimPath.of("address", "street_address"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"credentials\":[]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\"}]}",
        "{\"credentials\":[{\"id\":\"a b\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]}}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"mso_mdoc\",\"meta\":{\"vct_values\":[\"v\"]}}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]},"
            + "\"claims\":[{\"path\":[]}]}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]},"
            + "\"claims\":[{\"path\":[\"x\",-1]}]}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]},"
            + "\"claims\":[{\"path\":[\"x\"]}],\"claim_sets\":[[\"q\"]]}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]}},"
            + "{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]}}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]}}],"
            + "\"credential_sets\":[{\"options\":[[\"b\"]]}]}",
        "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"v\"]},"
            + "\"multiple\":\"yes\"}]}"
      })
  void whenAQueryIsMalformedThenItIsRefusedAsInvalidQuery(String json) throws Exception {
    DcqlException e =
        catchThrowableOfType(
            DcqlException.class, () -> DcqlQuery.parse(JSONObjectUtils.parse(json)));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(DcqlException.Reason.INVALID_QUERY);
  }
}
