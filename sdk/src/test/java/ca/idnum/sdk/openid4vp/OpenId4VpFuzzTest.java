package ca.idnum.sdk.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.dcql.DcqlQuery;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests of the OpenID4VP parsers a wallet or the verifier service applies to network
 * input: the DCQL query parser and the request object verifier. The only acceptable failures are
 * their typed exceptions; a parsed query round-trips. Without {@code JAZZER_FUZZ} they replay their
 * seed inputs; with {@code JAZZER_FUZZ=1} each fuzzes for at most 15 seconds.
 */
class OpenId4VpFuzzTest {

  private static final RequestObjectVerifier VERIFIER = verifier();

  private static RequestObjectVerifier verifier() {
    try {
      KeyPair keys = RequestObjectVerifierTest.ec();
      X509Certificate ca = RequestObjectVerifierTest.cert("CN=CA", keys, "CN=CA", keys, true, null);
      return new RequestObjectVerifier(
          List.of(ca), Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyJsonIsParsedAsADcqlQueryThenOnlyATypedErrorOrAQueryComesOut(FuzzedDataProvider data) {
    String json = data.consumeRemainingAsString();
    Map<String, Object> object;
    try {
      object = JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      return;
    }
    try {
      DcqlQuery q = DcqlQuery.parse(object);
      assertThat(DcqlQuery.parse(q.toJson())).isEqualTo(q);
    } catch (DcqlException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyStringIsVerifiedAsARequestObjectThenOnlyATypedErrorComesOut(FuzzedDataProvider data) {
    String jwt = data.consumeRemainingAsString();
    try {
      VERIFIER.verify(jwt, null);
    } catch (OpenId4VpException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }
}
