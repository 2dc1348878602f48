package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SdJwtVerifierRejectionTest {
  static final Instant NOW = SdJwtRoundTripTest.NOW;
  static final String AUD = "https://verifier.example.ca";
  static final String NONCE = "nonce-1234";
  static final KeyBindingExpectation KB = new KeyBindingExpectation(AUD, NONCE);

  final TestKey issuerKey = TestKeys.es256("issuer-1");
  final TestKey holderKey = TestKeys.es256("holder");

  SdJwtVerifier verifier(Clock clock) {
    return new SdJwtVerifier(
        VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey(), "issuer-1"))
            .acceptType("example+sd-jwt")
            .clock(clock)
            .clockSkew(Duration.ofSeconds(30))
            .keyBindingMaxAge(Duration.ofMinutes(5))
            .build());
  }

  SdJwtVerifier verifier() {
    return verifier(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  SdJwtIssuer issuer() {
    return SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
        .keyId("issuer-1")
        .type("example+sd-jwt")
        .build();
  }

  SdJwt issued() {
    return issuer().issue(SdJwtRoundTripTest.claims(holderKey), SdJwtRoundTripTest.policy());
  }

  String presentation(String aud, String nonce, long iat) {
    SdJwt sd = issued();
    String base = sd.serializeWithoutKeyBinding();
    return base
        + SdJwtHolder.keyBindingJwt(
            base,
            HashAlgorithm.SHA_256,
            aud,
            nonce,
            iat,
            holderKey.signer(),
            holderKey.algorithm());
  }

  static SdJwtError error(VerificationResult r) {
    assertThat(r).isInstanceOf(VerificationResult.Rejected.class);
    return ((VerificationResult.Rejected) r).error();
  }

  Map<String, Object> basePayload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("iss", "https://issuer.example.ca");
    p.put("_sd_alg", "sha-256");
    return p;
  }

  String forged(Map<String, Object> payload, List<Disclosure> disclosures) {
    return Forge.sdJwt(
        Forge.jws(Forge.header(issuerKey, "example+sd-jwt"), payload, issuerKey), disclosures);
  }

  @Test
  void whenValidThenVerified() {
    assertThat(verifier().verify(presentation(AUD, NONCE, NOW.getEpochSecond()), KB).isVerified())
        .isTrue();
  }

  @Test
  void whenSignatureIsTamperedThenInvalidSignature() {
    String jwt = issued().issuerSignedJwt();
    String tampered = jwt.substring(0, jwt.length() - 4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(error(verifier().verify(tampered + "~", null)))
        .isEqualTo(new SdJwtError.InvalidSignature(Part.ISSUER_JWT));
  }

  @Test
  void whenPayloadIsTamperedThenInvalidSignature() {
    String[] parts = issued().issuerSignedJwt().split("\\.");
    String payload = Json.b64("{\"iss\":\"https://evil.example\"}");
    assertThat(error(verifier().verify(parts[0] + "." + payload + "." + parts[2] + "~", null)))
        .isEqualTo(new SdJwtError.InvalidSignature(Part.ISSUER_JWT));
  }

  @Test
  void whenSignedByAnotherKeyThenInvalidSignature() {
    TestKey other = TestKeys.es256("issuer-1");
    String jwt = Forge.jws(Forge.header(other, "example+sd-jwt"), basePayload(), other);
    assertThat(error(verifier().verify(jwt + "~", null)))
        .isEqualTo(new SdJwtError.InvalidSignature(Part.ISSUER_JWT));
  }

  @Test
  void whenKidIsUnknownThenIssuerKeyUnresolved() {
    Map<String, Object> h = Forge.header(issuerKey, "example+sd-jwt");
    h.put("kid", "someone-else");
    String jwt = Forge.jws(h, basePayload(), issuerKey);
    assertThat(error(verifier().verify(jwt + "~", null)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("UNKNOWN_KEY_ID"));
  }

  @Test
  void whenTypIsWrongOrMissingThenWrongType() {
    String jwt = Forge.jws(Forge.header(issuerKey, "JWT"), basePayload(), issuerKey);
    assertThat(error(verifier().verify(jwt + "~", null)))
        .isEqualTo(new SdJwtError.WrongType(Part.ISSUER_JWT, "JWT"));
    String none = Forge.jws(Forge.header(issuerKey, null), basePayload(), issuerKey);
    assertThat(error(verifier().verify(none + "~", null)))
        .isEqualTo(new SdJwtError.WrongType(Part.ISSUER_JWT, null));
  }

  @Test
  void whenTypHasApplicationPrefixThenItIsAccepted() {
    String jwt =
        Forge.jws(Forge.header(issuerKey, "application/example+sd-jwt"), basePayload(), issuerKey);
    assertThat(verifier().verify(jwt + "~", null).isVerified()).isTrue();
  }

  @Test
  void whenAlgIsNoneThenAlgorithmNotAllowed() {
    String jwt =
        Json.b64("{\"alg\":\"none\",\"typ\":\"example+sd-jwt\"}")
            + "."
            + Json.b64(Json.write(basePayload()))
            + ".";
    assertThat(error(verifier().verify(jwt + "~", null)))
        .isEqualTo(new SdJwtError.AlgorithmNotAllowed(Part.ISSUER_JWT, "none"));
  }

  @Test
  void whenAlgIsHmacThenAlgorithmNotAllowedAndOptionsRefuseIt() {
    String jwt =
        Json.b64("{\"alg\":\"HS256\",\"typ\":\"example+sd-jwt\"}")
            + "."
            + Json.b64(Json.write(basePayload()))
            + ".c2lnbmF0dXJl";
    assertThat(error(verifier().verify(jwt + "~", null)))
        .isEqualTo(new SdJwtError.AlgorithmNotAllowed(Part.ISSUER_JWT, "HS256"));
    assertThatThrownBy(
            () ->
                VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
                    .allowedAlgorithms(Set.of(JWSAlgorithm.HS256))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenAudienceIsWrongThenAudienceMismatch() {
    assertThat(
            error(
                verifier().verify(presentation("https://other", NONCE, NOW.getEpochSecond()), KB)))
        .isEqualTo(new SdJwtError.AudienceMismatch(AUD, "https://other"));
  }

  @Test
  void whenNonceIsWrongThenNonceMismatch() {
    assertThat(error(verifier().verify(presentation(AUD, "other", NOW.getEpochSecond()), KB)))
        .isEqualTo(new SdJwtError.NonceMismatch());
  }

  @Test
  void whenADisclosureIsDroppedAfterKeyBindingThenSdHashMismatch() throws Exception {
    SdJwt p = SdJwt.parse(presentation(AUD, NONCE, NOW.getEpochSecond()));
    List<Disclosure> fewer = new ArrayList<>(p.disclosures());
    fewer.remove(0);
    String tampered =
        new SdJwt(p.issuerSignedJwt(), fewer, null).serializeWithoutKeyBinding()
            + p.keyBindingJwt();
    assertThat(error(verifier().verify(tampered, KB))).isEqualTo(new SdJwtError.SdHashMismatch());
  }

  @Test
  void whenKeyBindingIsRequiredButAbsentThenKeyBindingMissing() {
    assertThat(error(verifier().verify(issued().serialize(), KB)))
        .isEqualTo(new SdJwtError.KeyBindingMissing());
  }

  @Test
  void whenKeyBindingIsStaleOrFromTheFutureThenKeyBindingNotFresh() {
    long old = NOW.getEpochSecond() - 600;
    assertThat(error(verifier().verify(presentation(AUD, NONCE, old), KB)))
        .isInstanceOf(SdJwtError.KeyBindingNotFresh.class);
    long future = NOW.getEpochSecond() + 120;
    assertThat(error(verifier().verify(presentation(AUD, NONCE, future), KB)))
        .isInstanceOf(SdJwtError.KeyBindingNotFresh.class);
  }

  @Test
  void whenKeyBindingIsSignedByAnotherKeyThenInvalidKeyBindingSignature() {
    TestKey thief = TestKeys.es256("thief");
    String base = issued().serializeWithoutKeyBinding();
    String p =
        base
            + SdJwtHolder.keyBindingJwt(
                base,
                HashAlgorithm.SHA_256,
                AUD,
                NONCE,
                NOW.getEpochSecond(),
                thief.signer(),
                thief.algorithm());
    assertThat(error(verifier().verify(p, KB)))
        .isEqualTo(new SdJwtError.InvalidSignature(Part.KEY_BINDING_JWT));
  }

  @Test
  void whenKeyBindingTypIsWrongThenWrongType() {
    String base = issued().serializeWithoutKeyBinding();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iat", NOW.getEpochSecond());
    payload.put("aud", AUD);
    payload.put("nonce", NONCE);
    payload.put("sd_hash", HashAlgorithm.SHA_256.digest(base));
    String kb = Forge.jws(Forge.header(holderKey, "JWT"), payload, holderKey);
    assertThat(error(verifier().verify(base + kb, KB)))
        .isEqualTo(new SdJwtError.WrongType(Part.KEY_BINDING_JWT, "JWT"));
  }

  @Test
  void whenNoHolderKeyThenKeyBindingCannotBeVerified() {
    SdJwt sd = issuer().issue(Map.of("iss", "x"), DisclosurePolicy.none());
    String base = sd.serializeWithoutKeyBinding();
    String p =
        base
            + SdJwtHolder.keyBindingJwt(
                base,
                HashAlgorithm.SHA_256,
                AUD,
                NONCE,
                NOW.getEpochSecond(),
                holderKey.signer(),
                holderKey.algorithm());
    assertThat(error(verifier().verify(p, KB))).isInstanceOf(SdJwtError.HolderKeyMissing.class);
  }

  @Test
  void whenExpiredThenExpired() {
    Clock later = Clock.fixed(NOW.plusSeconds(3600 + 31), ZoneOffset.UTC);
    assertThat(error(verifier(later).verify(issued().serialize(), null)))
        .isInstanceOf(SdJwtError.Expired.class);
    Clock withinSkew = Clock.fixed(NOW.plusSeconds(3600 + 29), ZoneOffset.UTC);
    assertThat(verifier(withinSkew).verify(issued().serialize(), null).isVerified()).isTrue();
  }

  @Test
  void whenNotYetValidOrIssuedInTheFutureThenRefused() {
    Map<String, Object> p = basePayload();
    p.put("nbf", NOW.getEpochSecond() + 100);
    assertThat(error(verifier().verify(forged(p, List.of()), null)))
        .isInstanceOf(SdJwtError.NotYetValid.class);
    Map<String, Object> q = basePayload();
    q.put("iat", NOW.getEpochSecond() + 100);
    assertThat(error(verifier().verify(forged(q, List.of()), null)))
        .isInstanceOf(SdJwtError.IssuedInFuture.class);
  }

  @Test
  void whenTheSameDisclosureIsSentTwiceThenDuplicateDisclosure() {
    Disclosure d = Disclosure.ofProperty("c2FsdHNhbHRzYWx0", "given_name", "Marie");
    Map<String, Object> p = basePayload();
    p.put("_sd", List.of(Forge.digest(d)));
    assertThat(error(verifier().verify(forged(p, List.of(d, d)), null)))
        .isEqualTo(new SdJwtError.DuplicateDisclosure(Forge.digest(d)));
  }

  @Test
  void whenADigestAppearsTwiceThenDuplicateDigest() {
    Disclosure d = Disclosure.ofProperty("c2FsdHNhbHRzYWx0", "given_name", "Marie");
    Map<String, Object> p = basePayload();
    p.put("_sd", List.of(Forge.digest(d)));
    p.put("nested", Map.of("_sd", List.of(Forge.digest(d))));
    assertThat(error(verifier().verify(forged(p, List.of(d)), null)))
        .isEqualTo(new SdJwtError.DuplicateDigest(Forge.digest(d)));
  }

  @Test
  void whenADisclosureIsReferencedByNoDigestThenUnreferencedDisclosure() {
    Disclosure d = Disclosure.ofProperty("c2FsdHNhbHRzYWx0", "given_name", "Marie");
    assertThat(error(verifier().verify(forged(basePayload(), List.of(d)), null)))
        .isEqualTo(new SdJwtError.UnreferencedDisclosure(Forge.digest(d)));
  }

  @Test
  void whenADisclosureUsesAReservedNameThenReservedClaimName() {
    for (String name : List.of("_sd", "...")) {
      Disclosure d = Disclosure.ofProperty("c2FsdHNhbHRzYWx0", name, "x");
      Map<String, Object> p = basePayload();
      p.put("_sd", List.of(Forge.digest(d)));
      assertThat(error(verifier().verify(forged(p, List.of(d)), null)))
          .isEqualTo(new SdJwtError.ReservedClaimName(name));
    }
  }

  @Test
  void whenADisclosedNameAlreadyExistsThenClaimNameCollision() {
    Disclosure d = Disclosure.ofProperty("c2FsdHNhbHRzYWx0", "iss", "https://evil.example");
    Map<String, Object> p = basePayload();
    p.put("_sd", List.of(Forge.digest(d)));
    assertThat(error(verifier().verify(forged(p, List.of(d)), null)))
        .isEqualTo(new SdJwtError.ClaimNameCollision("iss"));
    Disclosure a = Disclosure.ofProperty("c2FsdDE", "x", 1);
    Disclosure b = Disclosure.ofProperty("c2FsdDI", "x", 2);
    Map<String, Object> q = basePayload();
    q.put("_sd", List.of(Forge.digest(a), Forge.digest(b)));
    assertThat(error(verifier().verify(forged(q, List.of(a, b)), null)))
        .isEqualTo(new SdJwtError.ClaimNameCollision("x"));
  }

  @Test
  void whenDisclosureKindDoesNotMatchItsPositionThenWrongDisclosureKind() {
    Disclosure element = Disclosure.ofArrayElement("c2FsdDE", "CA");
    Map<String, Object> p = basePayload();
    p.put("_sd", List.of(Forge.digest(element)));
    assertThat(error(verifier().verify(forged(p, List.of(element)), null)))
        .isEqualTo(new SdJwtError.WrongDisclosureKind(Forge.digest(element)));
    Disclosure property = Disclosure.ofProperty("c2FsdDE", "n", "CA");
    Map<String, Object> q = basePayload();
    q.put("arr", List.of(Map.of("...", Forge.digest(property))));
    assertThat(error(verifier().verify(forged(q, List.of(property)), null)))
        .isEqualTo(new SdJwtError.WrongDisclosureKind(Forge.digest(property)));
  }

  @Test
  void whenArrayElementsAreUndisclosedThenTheyAreRemovedAndOthersKeepTheirOrder() {
    Disclosure a = Disclosure.ofArrayElement("c2FsdDE", "A");
    Map<String, Object> p = basePayload();
    p.put(
        "arr",
        List.of(
            "first",
            Map.of("...", Forge.digest(a)),
            Map.of("...", "bm90LWRpc2Nsb3NlZA"),
            Map.of("...", "x", "other", 1),
            "last"));
    VerificationResult r = verifier().verify(forged(p, List.of(a)), null);
    assertThat(((VerificationResult.Verified) r).claims().get("arr"))
        .isEqualTo(List.of("first", "A", Map.of("...", "x", "other", 1L), "last"));
  }

  @Test
  void whenSdAlgIsUnknownThenUnsupportedHashAlgorithm() {
    Map<String, Object> p = basePayload();
    p.put("_sd_alg", "md5");
    assertThat(error(verifier().verify(forged(p, List.of()), null)))
        .isEqualTo(new SdJwtError.UnsupportedHashAlgorithm("md5"));
  }

  @Test
  void whenStructureIsMalformedThenMalformedNamesThePart() {
    assertThat(error(verifier().verify("no-tilde", null)))
        .isEqualTo(new SdJwtError.Malformed(Part.SD_JWT, "no ~ separator"));
    assertThat(error(verifier().verify("a.b.c~%%%~", null)))
        .isInstanceOf(SdJwtError.Malformed.class)
        .extracting(e -> ((SdJwtError.Malformed) e).part())
        .isEqualTo(Part.DISCLOSURE);
    String four = Json.b64("[\"s\",\"n\",\"v\",\"extra\"]");
    assertThat(error(verifier().verify(issued().issuerSignedJwt() + "~" + four + "~", null)))
        .isEqualTo(new SdJwtError.Malformed(Part.DISCLOSURE, "must have 2 or 3 elements"));
    assertThat(error(verifier().verify("a.b~", null)))
        .isEqualTo(new SdJwtError.Malformed(Part.ISSUER_JWT, "not a compact JWS"));
    String jwt = issued().issuerSignedJwt();
    assertThat(error(verifier().verify(jwt + "~~", null)))
        .isEqualTo(new SdJwtError.Malformed(Part.DISCLOSURE, "empty disclosure"));
  }

  @Test
  void whenTheHolderReceivesAnSdJwtWithKeyBindingThenItIsRefused() {
    String withKb = presentation(AUD, NONCE, NOW.getEpochSecond());
    SdJwtHolder holder =
        new SdJwtHolder(
            VerifierOptions.builder(new FixedKeyResolver(issuerKey.publicKey()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
    assertThatThrownBy(() -> holder.accept(withKb))
        .isInstanceOfSatisfying(
            SdJwtException.class,
            e -> assertThat(e.error()).isInstanceOf(SdJwtError.Malformed.class));
  }

  @Test
  void whenKeyBindingIsNotRequiredButPresentThenItIsStillChecked() {
    String valid = presentation(AUD, NONCE, NOW.getEpochSecond());
    VerificationResult ok = verifier().verify(valid, null);
    assertThat(ok.isVerified()).isTrue();
    assertThat(((VerificationResult.Verified) ok).keyBound()).isTrue();
    String forged =
        valid.substring(0, valid.length() - 6) + (valid.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    assertThat(error(verifier().verify(forged, null)))
        .isEqualTo(new SdJwtError.InvalidSignature(Part.KEY_BINDING_JWT));
  }

  @Test
  void whenCnfCarriesAPrivateKeyThenHolderKeyMissing() {
    Map<String, Object> p = basePayload();
    p.put("cnf", Map.of("jwk", holderKey.jwk().toJSONObject()));
    assertThat(error(verifier().verify(forged(p, List.of()), null)))
        .isInstanceOf(SdJwtError.HolderKeyMissing.class);
  }
}
