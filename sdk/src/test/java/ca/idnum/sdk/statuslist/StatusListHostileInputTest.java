package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListAssertions.refused;
import static ca.idnum.sdk.statuslist.StatusListFixtures.URI_1;
import static ca.idnum.sdk.statuslist.StatusListFixtures.sign;
import static ca.idnum.sdk.statuslist.StatusListFixtures.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed input: each is refused with one precise {@link StatusListError}. */
class StatusListHostileInputTest {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final URI URI = java.net.URI.create(URI_1);

  private final ECKey key = StatusListFixtures.newEcKey("k1");
  private final String lst =
      new StatusListBuilder(StatusBits.ONE, 64).set(3, TokenStatus.INVALID).build().toLst();
  private final StatusListTokenVerifier verifier =
      StatusListTokenVerifier.withDefaults(
          StatusListKeyResolver.jwkSet(new JWKSet(key.toPublicJWK())), CLOCK);

  @Test
  void whenAZipBombIsInflatedThenItStopsAtTheLimitWithDecompressedTooLarge() {
    byte[] bomb = deflate(new byte[64 * 1024 * 1024]);
    StatusListLimits limits = new StatusListLimits(1_000_000, 1024 * 1024);

    long start = System.nanoTime();
    StatusListError error = refused(() -> StatusList.fromCompressed(StatusBits.ONE, bomb, limits));

    assertThat(bomb.length).isLessThan(100_000);
    assertThat(error).isEqualTo(new StatusListError.DecompressedTooLarge(1024 * 1024));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void whenAZipBombArrivesInsideASignedTokenThenTheVerifierRefusesIt() {
    byte[] bomb = deflate(new byte[32 * 1024 * 1024]);
    String compact =
        sign(key, "statuslist+jwt", validClaims(NOW, Base64URL.encode(bomb).toString(), 1));
    StatusListTokenVerifier small =
        new StatusListTokenVerifier(
            StatusListKeyResolver.fixed(publicKey()),
            StatusListTokenVerifier.DEFAULT_ALGORITHMS,
            CLOCK,
            Duration.ofSeconds(60),
            new StatusListLimits(1_000_000, 4 * 1024 * 1024));

    assertThat(refused(() -> small.verify(compact, URI)))
        .isInstanceOf(StatusListError.DecompressedTooLarge.class);
  }

  @Test
  void whenTheListIsExactlyAtTheLimitThenItIsAccepted() throws Exception {
    byte[] compressed = deflate(new byte[4096]);

    StatusList list =
        StatusList.fromCompressed(StatusBits.ONE, compressed, new StatusListLimits(100, 4096));

    assertThat(list.size()).isEqualTo(4096 * 8);
  }

  @Test
  void whenTheCompressedStreamIsTruncatedThenItIsMalformed() {
    byte[] full = deflate(new byte[10_000]);
    byte[] truncated = Arrays.copyOf(full, full.length - 3);

    assertThat(
            refused(
                () ->
                    StatusList.fromCompressed(
                        StatusBits.ONE, truncated, StatusListLimits.defaults())))
        .isInstanceOf(StatusListError.MalformedCompressedData.class);
  }

  @Test
  void whenBytesFollowTheCompressedStreamThenItIsMalformed() {
    byte[] full = deflate(new byte[100]);
    byte[] trailing = Arrays.copyOf(full, full.length + 2);

    assertThat(
            refused(
                () ->
                    StatusList.fromCompressed(
                        StatusBits.ONE, trailing, StatusListLimits.defaults())))
        .isInstanceOf(StatusListError.MalformedCompressedData.class);
  }

  @Test
  void whenTheDataIsRawDeflateOrGarbageThenItIsMalformed() {
    Deflater raw = new Deflater(9, true);
    raw.setInput(new byte[100]);
    raw.finish();
    byte[] out = new byte[200];
    int n = raw.deflate(out);
    raw.end();
    byte[] rawDeflate = Arrays.copyOf(out, n);
    byte[] garbage = "not zlib at all".getBytes(StandardCharsets.US_ASCII);

    assertThat(
            refused(
                () ->
                    StatusList.fromCompressed(
                        StatusBits.ONE, rawDeflate, StatusListLimits.defaults())))
        .isInstanceOf(StatusListError.MalformedCompressedData.class);
    assertThat(
            refused(
                () ->
                    StatusList.fromCompressed(
                        StatusBits.ONE, garbage, StatusListLimits.defaults())))
        .isInstanceOf(StatusListError.MalformedCompressedData.class);
  }

  @Test
  void whenTheStreamNeedsAPresetDictionaryThenItIsMalformed() {
    Deflater withDictionary = new Deflater(9);
    withDictionary.setDictionary(new byte[] {1, 2, 3});
    withDictionary.setInput(new byte[] {1, 2, 3, 1, 2, 3});
    withDictionary.finish();
    byte[] out = new byte[100];
    int n = withDictionary.deflate(out);
    withDictionary.end();
    byte[] compressed = Arrays.copyOf(out, n);

    assertThat(
            refused(
                () ->
                    StatusList.fromCompressed(
                        StatusBits.ONE, compressed, StatusListLimits.defaults())))
        .isEqualTo(
            new StatusListError.MalformedCompressedData("a preset dictionary is not allowed"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "eNrbuRgAAhcBXQ==",
        "eNrbuRgAAhcBXQ=",
        "eNrb+RgAAhcBXQ",
        "eNrb/RgA",
        "eNrb uRg",
        "eNrbu"
      })
  void whenLstIsNotStrictBase64UrlThenMalformedBase64IsReported(String bad) {
    assertThat(refused(() -> StatusList.fromLst(StatusBits.ONE, bad, StatusListLimits.defaults())))
        .isInstanceOf(StatusListError.MalformedBase64.class);
  }

  @Test
  void whenLstInATokenIsNotBase64UrlThenTheVerifierReportsMalformedBase64() {
    String compact = sign(key, "statuslist+jwt", validClaims(NOW, "eNrb*uRg", 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.MalformedBase64.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "3", "5", "16", "-1", "\"1\"", "1.5", "true", "{}", "null"})
  void whenBitsIsNotOneTwoFourOrEightThenInvalidBitsOrMissingIsReported(String json)
      throws Exception {
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    Object bits = com.nimbusds.jose.util.JSONObjectUtils.parse("{\"v\":" + json + "}").get("v");
    @SuppressWarnings("unchecked")
    Map<String, Object> statusList = (Map<String, Object>) claims.get("status_list");
    statusList.put("bits", bits);
    String compact = sign(key, "statuslist+jwt", claims);

    StatusListError error = refused(() -> verifier.verify(compact, URI));

    if (bits == null) {
      assertThat(error).isEqualTo(new StatusListError.MissingClaim("status_list.bits"));
    } else {
      assertThat(error).isInstanceOf(StatusListError.InvalidBits.class);
    }
  }

  @Test
  void whenTheReferencedIndexIsBeyondTheListThenIndexOutOfRangeIsReported() throws Exception {
    StatusListToken token =
        verifier.verify(sign(key, "statuslist+jwt", validClaims(NOW, lst, 1)), URI);

    StatusListError error = refused(() -> token.statusOf(new StatusListReference(64, URI)));

    assertThat(error).isEqualTo(new StatusListError.IndexOutOfRange(64, 64));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jwt", "JWT", "statuslist+cwt", "dc+sd-jwt"})
  void whenTypIsNotStatusListJwtThenWrongTypeIsReported(String typ) {
    String compact = sign(key, typ, validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.WrongType(typ));
  }

  @Test
  void whenTypIsAbsentThenWrongTypeIsReported() {
    String compact = sign(key, (String) null, validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.WrongType(null));
  }

  @Test
  void whenTypIsTheFullMediaTypeThenTheTokenIsAccepted() throws Exception {
    String compact = sign(key, "application/statuslist+jwt", validClaims(NOW, lst, 1));

    assertThat(verifier.verify(compact, URI).statusList().status(3)).isEqualTo(TokenStatus.INVALID);
  }

  @Test
  void whenAlgIsNoneThenAlgorithmNotAllowedIsReported() throws Exception {
    PlainJWT plain =
        new PlainJWT(
            new com.nimbusds.jose.PlainHeader.Builder()
                .type(new JOSEObjectType("statuslist+jwt"))
                .build(),
            JWTClaimsSet.parse(validClaims(NOW, lst, 1)));

    assertThat(refused(() -> verifier.verify(plain.serialize(), URI)))
        .isEqualTo(new StatusListError.AlgorithmNotAllowed("none"));
  }

  @Test
  void whenAlgIsHmacWithThePublicKeyAsSecretThenAlgorithmNotAllowedIsReported() throws Exception {
    byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("statuslist+jwt"))
                .keyID("k1")
                .build(),
            JWTClaimsSet.parse(validClaims(NOW, lst, 1)));
    forged.sign(new MACSigner(publicKeyAsSecret));

    assertThat(refused(() -> verifier.verify(forged.serialize(), URI)))
        .isEqualTo(new StatusListError.AlgorithmNotAllowed("HS256"));
  }

  @Test
  void whenTheVerifierIsConfiguredWithAMacAlgorithmThenItIsRefusedAtConstruction() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new StatusListTokenVerifier(
                    StatusListKeyResolver.fixed(publicKey()),
                    Set.of(JWSAlgorithm.ES256, JWSAlgorithm.HS256),
                    CLOCK,
                    Duration.ZERO,
                    StatusListLimits.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheSignatureIsFromAnotherKeyThenInvalidSignatureIsReported() {
    ECKey other = StatusListFixtures.newEcKey("k1");
    String compact = sign(other, "statuslist+jwt", validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.InvalidSignature());
  }

  @Test
  void whenThePayloadIsAlteredAfterSigningThenInvalidSignatureIsReported() {
    String compact = sign(key, "statuslist+jwt", validClaims(NOW, lst, 1));
    String[] parts = compact.split("\\.");
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    claims.put("ttl", 999_999L);
    String tampered =
        parts[0]
            + "."
            + Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims))
            + "."
            + parts[2];

    assertThat(refused(() -> verifier.verify(tampered, URI)))
        .isEqualTo(new StatusListError.InvalidSignature());
  }

  @Test
  void whenNoKeyIsKnownForTheKidThenKeyNotResolvedIsReported() {
    ECKey unknown = StatusListFixtures.newEcKey("unknown");
    String compact = sign(unknown, "statuslist+jwt", validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.KeyNotResolved.class);
  }

  @Test
  void whenTheResolvedKeyDoesNotFitTheAlgorithmThenKeyNotResolvedIsReported() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    StatusListTokenVerifier rsaVerifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.fixed(rsa.generateKeyPair().getPublic()), CLOCK);
    String compact = sign(key, "statuslist+jwt", validClaims(NOW, lst, 1));

    assertThat(refused(() -> rsaVerifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.KeyNotResolved.class);
  }

  @Test
  void whenACriticalHeaderIsPresentThenTheTokenIsMalformed() {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType("statuslist+jwt"))
            .keyID("k1")
            .criticalParams(Set.of("exp-policy"))
            .customParam("exp-policy", "strict")
            .build();
    String compact = sign(key, header, validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.MalformedToken.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.b", "a.b.c", "...", "eyJhbGciOiJFUzI1NiJ9", "x.y.z.w.v"})
  void whenTheTokenIsNotACompactJwsThenMalformedTokenIsReported(String bad) {
    assertThat(refused(() -> verifier.verify(bad, URI)))
        .isInstanceOfAny(
            StatusListError.MalformedToken.class, StatusListError.AlgorithmNotAllowed.class);
  }

  @Test
  void whenThePayloadIsNotAJsonObjectThenMalformedTokenIsReported() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("statuslist+jwt"))
                .keyID("k1")
                .build(),
            new JWTClaimsSet.Builder().build());
    String header = jwt.getHeader().toBase64URL().toString();
    String payload = Base64URL.encode("[1,2,3]").toString();
    com.nimbusds.jose.JWSObject object =
        new com.nimbusds.jose.JWSObject(
            jwt.getHeader(), new com.nimbusds.jose.Payload(Base64URL.from(payload)));
    object.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
    String compact = header + "." + payload + "." + object.getSignature();

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.MalformedToken.class);
  }

  @Test
  void whenTheTokenIsLongerThanTheLimitThenItIsRefusedBeforeParsing() {
    StatusListTokenVerifier tiny =
        new StatusListTokenVerifier(
            StatusListKeyResolver.fixed(publicKey()),
            StatusListTokenVerifier.DEFAULT_ALGORITHMS,
            CLOCK,
            Duration.ZERO,
            new StatusListLimits(100, 1000));
    String compact = "x".repeat(101);

    assertThat(refused(() -> tiny.verify(compact, URI)))
        .isEqualTo(new StatusListError.TokenTooLarge(101, 100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "iat", "status_list"})
  void whenARequiredClaimIsMissingThenMissingClaimIsReported(String claim) {
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    claims.remove(claim);
    String compact = sign(key, "statuslist+jwt", claims);

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.MissingClaim(claim));
  }

  @Test
  void whenLstIsMissingThenMissingClaimIsReported() {
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    ((Map<?, ?>) claims.get("status_list")).remove("lst");
    String compact = sign(key, "statuslist+jwt", claims);

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.MissingClaim("status_list.lst"));
  }

  @Test
  void whenSubIsNotTheUriTheTokenWasFetchedFromThenSubjectMismatchIsReported() {
    String compact = sign(key, "statuslist+jwt", validClaims(NOW, lst, 1));
    java.net.URI other = java.net.URI.create("https://status.example.gouv.qc.ca/statuslists/2");

    assertThat(refused(() -> verifier.verify(compact, other)))
        .isEqualTo(new StatusListError.SubjectMismatch(other.toString(), URI_1));
  }

  @Test
  void whenSubDiffersOnlyByATrailingSlashThenSubjectMismatchIsReported() {
    String compact = sign(key, "statuslist+jwt", validClaims(NOW, lst, 1));

    assertThat(refused(() -> verifier.verify(compact, java.net.URI.create(URI_1 + "/"))))
        .isInstanceOf(StatusListError.SubjectMismatch.class);
  }

  @Test
  void whenExpHasPassedBeyondTheSkewThenExpiredIsReported() {
    Map<String, Object> claims = validClaims(NOW.minus(Duration.ofHours(3)), lst, 1);
    String compact = sign(key, "statuslist+jwt", claims);

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isInstanceOf(StatusListError.Expired.class);
  }

  @Test
  void whenExpIsWithinTheSkewThenTheTokenIsAccepted() throws Exception {
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    claims.put("exp", NOW.minusSeconds(30).getEpochSecond());
    String compact = sign(key, "statuslist+jwt", claims);

    assertThat(verifier.verify(compact, URI).expiresAt()).contains(NOW.minusSeconds(30));
  }

  @Test
  void whenIatOrNbfIsInTheFutureBeyondTheSkewThenNotYetValidIsReported() {
    Map<String, Object> iatFuture = validClaims(NOW.plus(Duration.ofMinutes(10)), lst, 1);
    Map<String, Object> nbfFuture = validClaims(NOW, lst, 1);
    nbfFuture.put("nbf", NOW.plus(Duration.ofMinutes(10)).getEpochSecond());

    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", iatFuture), URI)))
        .isInstanceOf(StatusListError.NotYetValid.class);
    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", nbfFuture), URI)))
        .isInstanceOf(StatusListError.NotYetValid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "\"600\"", "true", "[1]"})
  void whenTtlIsNotAPositiveNumberThenInvalidClaimIsReported(String json) throws Exception {
    Map<String, Object> claims = validClaims(NOW, lst, 1);
    claims.put(
        "ttl", com.nimbusds.jose.util.JSONObjectUtils.parse("{\"v\":" + json + "}").get("v"));
    String compact = sign(key, "statuslist+jwt", claims);

    assertThat(refused(() -> verifier.verify(compact, URI)))
        .isEqualTo(new StatusListError.InvalidClaim("ttl", "not a positive number"));
  }

  @Test
  void whenStatusListIsNotAnObjectOrLstNotAStringThenInvalidClaimIsReported() {
    Map<String, Object> notObject = validClaims(NOW, lst, 1);
    notObject.put("status_list", "eNrbuRgAAhcBXQ");
    Map<String, Object> lstNumber = validClaims(NOW, lst, 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> statusList = (Map<String, Object>) lstNumber.get("status_list");
    statusList.put("lst", 12);

    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", notObject), URI)))
        .isInstanceOf(StatusListError.InvalidClaim.class);
    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", lstNumber), URI)))
        .isInstanceOf(StatusListError.InvalidClaim.class);
  }

  @Test
  void whenSubOrIatHasTheWrongTypeThenInvalidClaimIsReported() {
    Map<String, Object> subNumber = validClaims(NOW, lst, 1);
    subNumber.put("sub", 42);
    Map<String, Object> iatString = validClaims(NOW, lst, 1);
    iatString.put("iat", "yesterday");

    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", subNumber), URI)))
        .isInstanceOf(StatusListError.InvalidClaim.class);
    assertThat(refused(() -> verifier.verify(sign(key, "statuslist+jwt", iatString), URI)))
        .isEqualTo(new StatusListError.InvalidClaim("iat", "not a NumericDate"));
  }

  @Test
  void whenEveryErrorIsDescribedThenNoDescriptionIsEmptyAndCodesAreDistinct() {
    StatusListError[] errors = {
      new StatusListError.MalformedToken("x"),
      new StatusListError.TokenTooLarge(2, 1),
      new StatusListError.WrongType("jwt"),
      new StatusListError.AlgorithmNotAllowed("none"),
      new StatusListError.KeyNotResolved("x"),
      new StatusListError.InvalidSignature(),
      new StatusListError.MissingClaim("sub"),
      new StatusListError.InvalidClaim("ttl", "x"),
      new StatusListError.SubjectMismatch("a", "b"),
      new StatusListError.Expired(NOW, NOW),
      new StatusListError.NotYetValid(NOW, NOW),
      new StatusListError.InvalidBits("3"),
      new StatusListError.MalformedBase64("x"),
      new StatusListError.MalformedCompressedData("x"),
      new StatusListError.DecompressedTooLarge(1),
      new StatusListError.IndexOutOfRange(1, 1),
      new StatusListError.MalformedReference("x"),
      new StatusListError.FetchFailed("https://x", "x")
    };

    assertThat(Arrays.stream(errors).map(StatusListError::code).distinct()).hasSize(errors.length);
    assertThat(errors).allSatisfy(e -> assertThat(e.description()).isNotBlank());
  }

  private java.security.PublicKey publicKey() {
    try {
      return key.toPublicKey();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] deflate(byte[] input) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(input);
    deflater.finish();
    byte[] buffer = new byte[input.length / 100 + 1024];
    int n = 0;
    while (!deflater.finished()) {
      if (n == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      n += deflater.deflate(buffer, n, buffer.length - n);
    }
    deflater.end();
    return Arrays.copyOf(buffer, n);
  }
}
