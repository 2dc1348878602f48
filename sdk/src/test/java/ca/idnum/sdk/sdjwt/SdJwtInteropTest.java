package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.sdjwtvc.SdJwtVc;
import ca.idnum.sdk.sdjwtvc.SdJwtVcClaims;
import ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cross-implementation tests with OpenWallet Foundation's {@code @sd-jwt/core} and {@code
 * @sd-jwt/sd-jwt-vc} 0.19.0 (Node): ours issues and presents, theirs verifies; theirs issues and
 * presents, ours verifies; flat, nested, array and decoy cases, with and without Key Binding.
 */
class SdJwtInteropTest {
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  static final String AUD = "https://verifier.example.ca";
  static final String NONCE = "interop-nonce-42";

  final TestKey issuerKey = TestKeys.es256("issuer-key");
  final TestKey issuer384 = TestKeys.es384("issuer-384");
  final TestKey holderKey = TestKeys.es256("holder-key");

  VerifierOptions options(TestKey key) {
    return VerifierOptions.builder(new FixedKeyResolver(key.publicKey()))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  Map<String, Object> claims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", "https://issuer.example.ca");
    c.put("iat", NOW.getEpochSecond());
    c.put("exp", NOW.getEpochSecond() + 3600);
    c.put("sub", "citizen-1");
    c.put("given_name", "Élise");
    c.put("family_name", "Gagnon");
    c.put("email", "elise@example.ca");
    c.put("address", Map.of("street_address", "12 rue des Érables", "locality", "Lévis"));
    c.put("nationalities", List.of("CA", "FR", "BE"));
    c.put("cnf", Map.of("jwk", holderKey.publicJwk().toJSONObject()));
    return c;
  }

  record OurCase(
      String name, TestKey issuer, DisclosurePolicy policy, List<ClaimPath> paths, boolean kb) {}

  List<OurCase> ourCases() {
    return List.of(
        new OurCase(
            "flat",
            issuerKey,
            DisclosurePolicy.builder()
                .disclosable("given_name")
                .disclosable("family_name")
                .disclosable("email")
                .build(),
            List.of(ClaimPath.of("given_name")),
            true),
        new OurCase(
            "flat-no-kb",
            issuerKey,
            DisclosurePolicy.builder().disclosable("given_name").disclosable("email").build(),
            List.of(ClaimPath.of("email")),
            false),
        new OurCase(
            "nested",
            issuerKey,
            DisclosurePolicy.builder()
                .disclosable("address")
                .disclosable("address", "street_address")
                .disclosable("address", "locality")
                .build(),
            List.of(ClaimPath.of("address", "locality")),
            true),
        new OurCase(
            "array",
            issuer384,
            DisclosurePolicy.builder().disclosable("nationalities", null).build(),
            List.of(ClaimPath.of("nationalities", 1)),
            true),
        new OurCase(
            "decoy",
            issuerKey,
            DisclosurePolicy.builder()
                .disclosable("given_name")
                .disclosable("nationalities", 0)
                .decoys(ClaimPath.root(), 4)
                .decoys(ClaimPath.of("nationalities"), 2)
                .decoys(ClaimPath.of("address"), 3)
                .build(),
            List.of(ClaimPath.of("given_name"), ClaimPath.of("nationalities", 0)),
            false));
  }

  @Test
  void whenOursIssuesAndPresentsThenTheirsVerifiesTheSameClaims() throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    Map<String, Map<String, Object>> ourClaims = new LinkedHashMap<>();
    for (OurCase c : ourCases()) {
      SdJwt issued =
          SdJwtIssuer.builder(c.issuer().signer(), c.issuer().algorithm())
              .keyId(c.issuer().jwk().getKeyID())
              .type("example+sd-jwt")
              .build()
              .issue(claims(), c.policy());
      SdJwtHolder holder = new SdJwtHolder(options(c.issuer()));
      HeldSdJwt held = holder.accept(issued.serialize());
      String token =
          c.kb()
              ? holder.presentWithKeyBinding(
                  held, c.paths(), AUD, NONCE, holderKey.signer(), holderKey.algorithm())
              : holder.present(held, c.paths()).serialize();
      VerificationResult ours =
          new SdJwtVerifier(options(c.issuer()))
              .verify(token, c.kb() ? new KeyBindingExpectation(AUD, NONCE) : null);
      assertThat(ours.isVerified()).as(c.name() + ": " + ours).isTrue();
      ourClaims.put(c.name(), ((VerificationResult.Verified) ours).claims());
      cases.add(verifyCase(c.name(), token, c.issuer(), false, c.kb()));
    }
    Map<String, Map<String, Object>> theirs = NodeInterop.run("verify.mjs", cases);
    for (OurCase c : ourCases()) {
      Map<String, Object> r = theirs.get(c.name());
      assertThat(r.get("ok")).as(c.name() + ": " + r.get("error")).isEqualTo(true);
      assertThat(r.get("payload")).as(c.name()).isEqualTo(ourClaims.get(c.name()));
    }
  }

  @Test
  void whenOursIssuesAnSdJwtVcThenTheirsVerifiesItAsSdJwtVc() throws Exception {
    SdJwtVcIssuer vcIssuer =
        new SdJwtVcIssuer(
            SdJwtIssuer.builder(issuerKey.signer(), issuerKey.algorithm())
                .type(SdJwtVc.TYPE)
                .keyId("issuer-key")
                .build());
    SdJwtVcClaims vc =
        SdJwtVcClaims.builder("https://credentials.idnum.ca/proof-of-age")
            .issuer("https://issuer.example.ca")
            .issuedAt(NOW)
            .expiresAt(NOW.plusSeconds(86400))
            .holderKey(holderKey.publicJwk())
            .claim("age_over_18", true)
            .claim("birthdate", "1990-04-01")
            .build();
    SdJwt issued =
        vcIssuer.issue(
            vc,
            DisclosurePolicy.builder().disclosable("age_over_18").disclosable("birthdate").build());
    SdJwtHolder holder = new SdJwtHolder(options(issuerKey));
    String token =
        holder.presentWithKeyBinding(
            holder.accept(issued.serialize()),
            List.of(ClaimPath.of("age_over_18")),
            AUD,
            NONCE,
            holderKey.signer(),
            holderKey.algorithm());
    Map<String, Object> r =
        NodeInterop.run("verify.mjs", List.of(verifyCase("vc", token, issuerKey, true, true)))
            .get("vc");
    assertThat(r.get("ok")).as(String.valueOf(r.get("error"))).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) r.get("payload");
    assertThat(payload)
        .containsEntry("age_over_18", true)
        .containsEntry("vct", "https://credentials.idnum.ca/proof-of-age")
        .doesNotContainKey("birthdate");
  }

  Map<String, Object> verifyCase(
      String name, String token, TestKey issuer, boolean vc, boolean kb) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("token", token);
    m.put("issuerPublicJwk", issuer.publicJwk().toJSONObject());
    m.put("vc", vc);
    m.put("kb", kb ? Map.of("aud", AUD, "nonce", NONCE) : null);
    m.put("now", NOW.getEpochSecond());
    return m;
  }

  Map<String, Object> issueCase(
      String name,
      String frameJson,
      String presentationJson,
      boolean vc,
      boolean kb,
      String hashAlg)
      throws Exception {
    Map<String, Object> claims = claims();
    claims.remove("cnf");
    claims.put("cnf", Map.of("jwk", holderKey.publicJwk().toJSONObject()));
    if (vc) {
      claims.put("vct", "https://credentials.idnum.ca/identity");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("issuerPrivateJwk", issuerKey.jwk().toJSONObject());
    m.put("holderPrivateJwk", holderKey.jwk().toJSONObject());
    m.put("kid", "issuer-key");
    m.put("claims", claims);
    m.put("disclosureFrame", JSONObjectUtils.parse(frameJson));
    m.put("presentationFrame", JSONObjectUtils.parse(presentationJson));
    m.put("vc", vc);
    m.put("hashAlg", hashAlg);
    m.put("kb", kb ? Map.of("aud", AUD, "nonce", NONCE, "iat", NOW.getEpochSecond()) : null);
    return m;
  }

  @Test
  void whenTheirsIssuesAndPresentsThenOursVerifies() throws Exception {
    List<Map<String, Object>> cases =
        List.of(
            issueCase(
                "flat",
                "{\"_sd\":[\"given_name\",\"family_name\",\"email\"]}",
                "{\"given_name\":true}",
                false,
                true,
                "sha-256"),
            issueCase(
                "flat-no-kb",
                "{\"_sd\":[\"given_name\",\"email\"]}",
                "{\"email\":true}",
                false,
                false,
                "sha-256"),
            issueCase(
                "nested",
                "{\"_sd\":[\"address\"],\"address\":{\"_sd\":[\"street_address\",\"locality\"]}}",
                "{\"address\":{\"locality\":true}}",
                false,
                true,
                "sha-256"),
            issueCase(
                "array",
                "{\"nationalities\":{\"_sd\":[0,1,2]}}",
                "{\"nationalities\":{\"1\":true}}",
                false,
                true,
                "sha-256"),
            issueCase(
                "decoy",
                "{\"_sd\":[\"given_name\"],\"_sd_decoy\":3,"
                    + "\"nationalities\":{\"_sd\":[0],\"_sd_decoy\":2}}",
                "{\"given_name\":true,\"nationalities\":{\"0\":true}}",
                false,
                false,
                "sha-256"),
            issueCase(
                "sha-512",
                "{\"_sd\":[\"given_name\",\"email\"]}",
                "{\"email\":true}",
                false,
                true,
                "sha-512"),
            issueCase(
                "vc",
                "{\"_sd\":[\"given_name\",\"family_name\"]}",
                "{\"family_name\":true}",
                true,
                true,
                "sha-256"));
    Map<String, Map<String, Object>> theirs = NodeInterop.run("issue-present.mjs", cases);
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    expected.put("flat", Map.of("given_name", "Élise"));
    expected.put("flat-no-kb", Map.of("email", "elise@example.ca"));
    expected.put("nested", Map.of("address", Map.of("locality", "Lévis")));
    expected.put("array", Map.of("nationalities", List.of("FR")));
    expected.put(
        "decoy", Map.of("given_name", "Élise", "nationalities", List.of("CA", "FR", "BE")));
    expected.put("sha-512", Map.of("email", "elise@example.ca"));
    expected.put(
        "vc", Map.of("family_name", "Gagnon", "vct", "https://credentials.idnum.ca/identity"));
    Map<String, List<String>> absent =
        Map.of(
            "flat", List.of("family_name", "email"),
            "flat-no-kb", List.of("given_name"),
            "nested", List.of(),
            "array", List.of(),
            "decoy", List.of(),
            "sha-512", List.of("given_name"),
            "vc", List.of("given_name"));
    for (Map<String, Object> c : cases) {
      String name = (String) c.get("name");
      Map<String, Object> r = theirs.get(name);
      assertThat(r.get("ok")).as(name + ": " + r.get("error")).isEqualTo(true);
      boolean kb = c.get("kb") != null;
      KeyBindingExpectation expectation = kb ? new KeyBindingExpectation(AUD, NONCE) : null;
      String presentation = (String) r.get("presentation");
      VerificationResult v =
          name.equals("vc")
              ? new SdJwtVcVerifier(options(issuerKey)).verify(presentation, expectation)
              : new SdJwtVerifier(options(issuerKey)).verify(presentation, expectation);
      assertThat(v).as(name).isInstanceOf(VerificationResult.Verified.class);
      VerificationResult.Verified ok = (VerificationResult.Verified) v;
      assertThat(ok.keyBound()).isEqualTo(kb);
      assertThat(ok.claims()).as(name).containsAllEntriesOf(expected.get(name));
      assertThat(ok.claims()).as(name).doesNotContainKeys(absent.get(name).toArray(String[]::new));
      // The issued form, with every Disclosure, is accepted by our holder.
      HeldSdJwt held = new SdJwtHolder(options(issuerKey)).accept((String) r.get("issued"));
      assertThat(held.disclosedClaims()).isNotEmpty();
    }
  }
}
