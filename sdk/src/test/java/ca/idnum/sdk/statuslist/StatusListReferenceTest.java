package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusListReferenceTest {

  @Test
  void whenTheStatusClaimHasStatusListThenIdxAndUriAreRead() throws Exception {
    Map<String, Object> claims =
        JSONObjectUtils.parse(
            "{\"vct\":\"x\",\"status\":{\"status_list\":{\"idx\":412,"
                + "\"uri\":\"https://status.example.gouv.qc.ca/statuslists/7\"},"
                + "\"other_mechanism\":{\"a\":1}}}");

    StatusListReference reference = StatusListReference.fromClaims(claims);

    assertThat(reference.index()).isEqualTo(412);
    assertThat(reference.uri())
        .isEqualTo(URI.create("https://status.example.gouv.qc.ca/statuslists/7"));
  }

  @Test
  void whenTheReferenceIsWrittenThenItReadsBackEqual() throws Exception {
    StatusListReference reference =
        new StatusListReference(5, URI.create("https://status.example.gouv.qc.ca/statuslists/1"));

    Map<String, Object> claims =
        JSONObjectUtils.parse(
            JSONObjectUtils.toJSONString(Map.of("status", reference.toStatusClaim())));

    assertThat(StatusListReference.fromClaims(claims)).isEqualTo(reference);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"status\":\"revoked\"}",
        "{\"status\":{}}",
        "{\"status\":{\"status_list\":[]}}",
        "{\"status\":{\"status_list\":{\"uri\":\"https://e.example/1\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":1}}}",
        "{\"status\":{\"status_list\":{\"idx\":-1,\"uri\":\"https://e.example/1\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":1.5,\"uri\":\"https://e.example/1\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":\"1\",\"uri\":\"https://e.example/1\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":1e300,\"uri\":\"https://e.example/1\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":1,\"uri\":5}}}",
        "{\"status\":{\"status_list\":{\"idx\":1,\"uri\":\"relative/path\"}}}",
        "{\"status\":{\"status_list\":{\"idx\":1,\"uri\":\"https://bad uri\"}}}"
      })
  void whenTheStatusClaimIsMalformedThenMalformedReferenceIsReported(String json) throws Exception {
    Map<String, Object> claims = JSONObjectUtils.parse(json);

    assertThat(refused(() -> StatusListReference.fromClaims(claims)))
        .isInstanceOf(StatusListError.MalformedReference.class);
  }

  @Test
  void whenIdxIsAnIntegralDoubleThenItIsAccepted() throws Exception {
    StatusListReference reference =
        StatusListReference.fromStatusClaim(
            Map.of("status_list", Map.of("idx", 3.0, "uri", "https://e.example/1")));

    assertThat(reference.index()).isEqualTo(3);
  }

  @Test
  void whenTheRecordIsBuiltWithBadValuesThenItIsRefused() {
    assertThatThrownBy(() -> new StatusListReference(-1, URI.create("https://e.example/1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StatusListReference(1, URI.create("relative")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
