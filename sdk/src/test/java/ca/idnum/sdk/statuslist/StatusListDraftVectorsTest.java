package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListFixtures.hex;
import static ca.idnum.sdk.statuslist.StatusListFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every example of draft-ietf-oauth-status-list-21 that concerns the JSON/JWT formats, one resource
 * file per example under {@code src/test/resources/statuslist/}.
 */
class StatusListDraftVectorsTest {

  private static final Clock AT_2026 =
      Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(strings = {"draft-21-section-4.1-bits-1.json", "draft-21-section-4.1-bits-2.json"})
  void whenSection41StatusesAreBuiltThenByteArrayCompressionAndLstMatchTheDraft(String name)
      throws Exception {
    Map<String, Object> vector = resource(name);
    StatusBits bits = StatusBits.of(((Number) vector.get("bits")).intValue());
    int size = ((Number) vector.get("size")).intValue();
    StatusListBuilder builder = new StatusListBuilder(bits, size);
    statuses(vector).forEach((index, value) -> builder.set(index, TokenStatus.of(value)));

    StatusList list = builder.build();

    assertThat(hex(list.toByteArray())).isEqualTo(vector.get("byteArrayHex"));
    assertThat(hex(list.compress())).isEqualTo(vector.get("compressedHex"));
    assertThat(list.toLst()).isEqualTo(vector.get("lst"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"draft-21-section-4.1-bits-1.json", "draft-21-section-4.1-bits-2.json"})
  void whenSection42LstIsDecodedThenEveryStatusMatchesTheDraft(String name) throws Exception {
    Map<String, Object> vector = resource(name);
    StatusBits bits = StatusBits.of(((Number) vector.get("bits")).intValue());

    StatusList list =
        StatusList.fromLst(bits, (String) vector.get("lst"), StatusListLimits.defaults());

    assertThat(list.size()).isEqualTo(((Number) vector.get("size")).longValue());
    for (Map.Entry<Integer, Integer> e : statuses(vector).entrySet()) {
      assertThat(list.statusValue(e.getKey())).as("status[%d]", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "draft-21-appendix-C.1-bits-1.json",
        "draft-21-appendix-C.2-bits-2.json",
        "draft-21-appendix-C.3-bits-4.json",
        "draft-21-appendix-C.4-bits-8.json"
      })
  void whenAppendixCLstIsDecodedThenListedStatusesMatchAndAllOthersAreValid(String name)
      throws Exception {
    Map<String, Object> vector = resource(name);
    StatusBits bits = StatusBits.of(((Number) vector.get("bits")).intValue());
    Map<Integer, Integer> expected = statuses(vector);

    StatusList list =
        StatusList.fromLst(bits, (String) vector.get("lst"), StatusListLimits.defaults());

    assertThat(list.size()).isEqualTo(1L << 20);
    for (long i = 0; i < list.size(); i++) {
      int want = expected.getOrDefault((int) i, 0);
      if (list.statusValue(i) != want) {
        assertThat(list.statusValue(i)).as("status[%d]", i).isEqualTo(want);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "draft-21-appendix-C.1-bits-1.json",
        "draft-21-appendix-C.2-bits-2.json",
        "draft-21-appendix-C.3-bits-4.json",
        "draft-21-appendix-C.4-bits-8.json"
      })
  void whenAppendixCStatusesAreBuiltThenTheEncodingDecodesToTheDraftList(String name)
      throws Exception {
    Map<String, Object> vector = resource(name);
    StatusBits bits = StatusBits.of(((Number) vector.get("bits")).intValue());
    StatusListBuilder builder = new StatusListBuilder(bits, 1 << 20);
    statuses(vector).forEach((index, value) -> builder.set(index, TokenStatus.of(value)));

    StatusList ours = builder.build();
    StatusList draft =
        StatusList.fromLst(bits, (String) vector.get("lst"), StatusListLimits.defaults());

    assertThat(ours).isEqualTo(draft);
    assertThat(StatusList.fromLst(bits, ours.toLst(), StatusListLimits.defaults()))
        .isEqualTo(draft);
  }

  @Test
  void whenSection82ResponseIsVerifiedWithTheDraftKeyThenClaimsAndStatusesMatch() throws Exception {
    Map<String, Object> vector = resource("draft-21-section-8.2-status-list-response.json");
    @SuppressWarnings("unchecked")
    JWK jwk = JWK.parse((Map<String, Object>) vector.get("publicJwk"));
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) vector.get("expected");
    StatusListTokenVerifier verifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.jwkSet(new JWKSet(jwk)), AT_2026);

    StatusListToken token =
        verifier.verify((String) vector.get("jwt"), URI.create((String) vector.get("uri")));

    assertThat(token.subject()).isEqualTo(URI.create((String) vector.get("uri")));
    assertThat(token.issuer()).contains((String) expected.get("iss"));
    assertThat(token.issuedAt())
        .isEqualTo(Instant.ofEpochSecond(((Number) expected.get("iat")).longValue()));
    assertThat(token.expiresAt())
        .contains(Instant.ofEpochSecond(((Number) expected.get("exp")).longValue()));
    assertThat(token.timeToLive())
        .contains(Duration.ofSeconds(((Number) expected.get("ttl")).longValue()));
    assertThat(token.statusList().bits()).isEqualTo(StatusBits.ONE);
    assertThat(token.statusList().toLst()).isEqualTo(expected.get("lst"));
    @SuppressWarnings("unchecked")
    List<Number> statuses = (List<Number>) expected.get("statuses");
    for (int i = 0; i < statuses.size(); i++) {
      assertThat(token.statusList().statusValue(i)).isEqualTo(statuses.get(i).intValue());
    }
  }

  @Test
  void whenSection82ResponseIsCheckedAfterItsExpThenItIsRefusedAsExpired() {
    Map<String, Object> vector = resource("draft-21-section-8.2-status-list-response.json");
    StatusListTokenVerifier verifier =
        StatusListTokenVerifier.withDefaults(
            (header, uri) -> {
              try {
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = (Map<String, Object>) vector.get("publicJwk");
                return java.util.Optional.of(ECKey.parse(jwk).toPublicKey());
              } catch (Exception e) {
                return java.util.Optional.empty();
              }
            },
            Clock.fixed(Instant.ofEpochSecond(2291720170L).plusSeconds(3600), ZoneOffset.UTC));

    StatusListError error =
        StatusListAssertions.refused(
            () ->
                verifier.verify(
                    (String) vector.get("jwt"), URI.create((String) vector.get("uri"))));

    assertThat(error).isInstanceOf(StatusListError.Expired.class);
  }

  @Test
  void whenSection51ExampleIsSignedThenOurVerifierAcceptsItAndReadsEveryClaim() throws Exception {
    Map<String, Object> vector = resource("draft-21-section-5.1-status-list-token.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) vector.get("payload");
    ECKey key = StatusListFixtures.newEcKey("12");
    @SuppressWarnings("unchecked")
    JWSHeader header = JWSHeader.parse((Map<String, Object>) vector.get("header"));
    String compact = StatusListFixtures.sign(key, header, payload);
    StatusListTokenVerifier verifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.jwkSet(new JWKSet(key.toPublicJWK())), AT_2026);

    StatusListToken token = verifier.verify(compact, URI.create((String) payload.get("sub")));

    assertThat(SignedJWT.parse(compact).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(token.timeToLive()).contains(Duration.ofSeconds(43200));
    assertThat(token.statusList().status(0)).isEqualTo(TokenStatus.INVALID);
    assertThat(token.statusList().status(1)).isEqualTo(TokenStatus.VALID);
  }

  @Test
  void whenSection62ReferencedTokensAreReadThenIdxAndUriMatch() throws Exception {
    Map<String, Object> vector = resource("draft-21-section-6.2-referenced-tokens.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) vector.get("expected");
    StatusListReference want =
        new StatusListReference(
            ((Number) expected.get("idx")).longValue(), URI.create((String) expected.get("uri")));
    @SuppressWarnings("unchecked")
    Map<String, Object> jwtPayload = (Map<String, Object>) vector.get("jwtPayload");
    String issuerSignedJwt = ((String) vector.get("sdJwt")).split("~")[0];
    Map<String, Object> sdJwtClaims =
        SignedJWT.parse(issuerSignedJwt).getJWTClaimsSet().getClaims();

    assertThat(StatusListReference.fromClaims(jwtPayload)).isEqualTo(want);
    assertThat(StatusListReference.fromClaims(sdJwtClaims)).isEqualTo(want);
  }

  private static Map<Integer, Integer> statuses(Map<String, Object> vector) {
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) vector.get("statuses");
    Map<Integer, Integer> out = new java.util.TreeMap<>();
    raw.forEach((k, v) -> out.put(Integer.parseInt(k), ((Number) v).intValue()));
    return out;
  }
}
