package ca.idnum.sdk.statuslist;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.json.JsonObjects;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Jazzer fuzz tests of every Status List parser: the compact token (before and after the
 * signature), the ZLIB inflater and the referenced token's {@code status} claim. The only
 * acceptable failure is a {@link StatusListException}; a successful decode never exceeds the
 * limits. Without {@code JAZZER_FUZZ} they replay their seed inputs; with {@code JAZZER_FUZZ=1}
 * each fuzzes for at most 15 seconds.
 */
class StatusListFuzzTest {

  private static final URI URI = java.net.URI.create(StatusListFixtures.URI_1);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
  private static final StatusListLimits LIMITS = new StatusListLimits(200_000, 64 * 1024);
  private static final ECKey KEY = StatusListFixtures.newEcKey("fuzz");
  private static final StatusListTokenVerifier VERIFIER =
      new StatusListTokenVerifier(
          StatusListKeyResolver.jwkSet(new JWKSet(KEY.toPublicJWK())),
          StatusListTokenVerifier.DEFAULT_ALGORITHMS,
          CLOCK,
          Duration.ofSeconds(60),
          LIMITS);

  @FuzzTest(maxDuration = "15s")
  void whenAnyStringIsVerifiedThenOnlyATypedErrorOrAValidTokenComesOut(FuzzedDataProvider data) {
    String compact = data.consumeRemainingAsString();
    try {
      StatusListToken token = VERIFIER.verify(compact, URI);
      assertThat(token.subject()).isEqualTo(URI);
    } catch (StatusListException expected) {
      assertThat(expected.error()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyPayloadIsSignedAndVerifiedThenOnlyATypedErrorOrAValidTokenComesOut(
      FuzzedDataProvider data) throws JOSEException {
    boolean asJsonObject = data.consumeBoolean();
    String payload = data.consumeRemainingAsString();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType("statuslist+jwt"))
            .keyID("fuzz")
            .build();
    Payload body = new Payload(payload);
    if (asJsonObject) {
      try {
        Map<String, Object> parsed = JsonObjects.parse(payload);
        parsed.putIfAbsent("sub", URI.toString());
        body = new Payload(parsed);
      } catch (ParseException notJson) {
        body = new Payload(payload);
      }
    }
    JWSObject jws = new JWSObject(header, body);
    jws.sign(new ECDSASigner(KEY));
    try {
      StatusListToken token = VERIFIER.verify(jws.serialize(), URI);
      assertThat(token.statusList().toByteArray().length)
          .isLessThanOrEqualTo(LIMITS.maxDecompressedBytes());
    } catch (StatusListException expected) {
      assertThat(expected.error()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyBytesAreInflatedThenTheLimitHoldsOrATypedErrorComesOut(FuzzedDataProvider data) {
    StatusBits bits = data.pickValue(StatusBits.values());
    long index = data.consumeLong();
    byte[] compressed = data.consumeRemainingAsBytes();
    try {
      StatusList list = StatusList.fromCompressed(bits, compressed, LIMITS);
      assertThat(list.toByteArray().length).isLessThanOrEqualTo(LIMITS.maxDecompressedBytes());
      int value = list.statusValue(Math.floorMod(index, Math.max(1L, list.size())));
      assertThat(value).isBetween(0, bits.maxValue());
    } catch (StatusListException expected) {
      assertThat(expected.error()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyLstIsDecodedThenOnlyATypedErrorOrABoundedListComesOut(FuzzedDataProvider data) {
    StatusBits bits = data.pickValue(StatusBits.values());
    String lst = data.consumeRemainingAsString();
    try {
      StatusList list = StatusList.fromLst(bits, lst, LIMITS);
      assertThat(list.toByteArray().length).isLessThanOrEqualTo(LIMITS.maxDecompressedBytes());
    } catch (StatusListException expected) {
      assertThat(expected.error()).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "15s")
  void whenAnyStatusClaimIsReadThenOnlyATypedErrorOrAValidReferenceComesOut(
      FuzzedDataProvider data) {
    String json = data.consumeRemainingAsString();
    Map<String, Object> claims;
    try {
      claims = JSONObjectUtils.parse(json);
    } catch (ParseException notJson) {
      return;
    }
    if (claims == null) {
      return;
    }
    try {
      StatusListReference reference = StatusListReference.fromClaims(claims);
      assertThat(reference.index()).isNotNegative();
      assertThat(reference.uri().isAbsolute()).isTrue();
    } catch (StatusListException expected) {
      assertThat(expected.error()).isInstanceOf(StatusListError.MalformedReference.class);
    }
  }
}
