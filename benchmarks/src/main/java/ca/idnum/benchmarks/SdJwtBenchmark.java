package ca.idnum.benchmarks;

import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import ca.idnum.sdk.sdjwt.HeldSdJwt;
import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.SdJwtException;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import ca.idnum.sdk.sdjwt.SdJwtVerifier;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.trust.FixedKeyResolver;
import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import com.authlete.sd.SDObjectDecoder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SD-JWT (RFC 9901) with ten selectively disclosable claims: issue, present five of them with a Key
 * Binding JWT, and verify that presentation with Key Binding (expected {@code aud} and {@code
 * nonce}), done by the IdNum SDK ({@code idnum*}) and by Authlete's {@code com.authlete:sd-jwt}
 * ({@code authlete*}), an independent JVM library, on the same keys and claims. Authlete's library
 * leaves signing and the JWT checks to the caller, so its side uses Nimbus for them, with the same
 * checks the SDK makes: {@code typ}, signature, {@code exp}, every digest, and for the KB-JWT its
 * {@code typ}, signature by the {@code cnf} key, {@code sd_hash}, {@code aud}, {@code nonce} and
 * {@code iat}. Compare with {@link Es256Benchmark}, the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SdJwtBenchmark {

  SdJwtFixture fixture;

  SdJwtIssuer idnumIssuer;
  DisclosurePolicy policy;
  Map<String, Object> claims;
  SdJwtHolder idnumHolder;
  HeldSdJwt idnumHeld;
  List<ClaimPath> presentedPaths;
  SdJwtVerifier idnumVerifier;
  String idnumPresentation;

  JWSHeader issuerHeader;
  ECDSASigner issuerSigner;
  ECDSASigner holderSigner;
  ECDSAVerifier issuerVerifier;
  SDJWT authleteIssued;
  String authletePresentation;

  @Setup
  public void setUp() throws Exception {
    fixture = new SdJwtFixture();
    long now = Instant.now().getEpochSecond();
    claims = new LinkedHashMap<>(fixture.clearClaims(now));
    claims.putAll(SdJwtFixture.DISCLOSABLE);
    DisclosurePolicy.Builder p = DisclosurePolicy.builder();
    SdJwtFixture.DISCLOSABLE.keySet().forEach(p::disclosable);
    policy = p.build();
    issuerSigner = new ECDSASigner(fixture.issuerKey);
    holderSigner = new ECDSASigner(fixture.holderKey);
    issuerVerifier = new ECDSAVerifier(fixture.issuerKey.toPublicJWK());
    issuerHeader =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType("dc+sd-jwt"))
            .keyID("issuer-1")
            .build();

    idnumIssuer =
        SdJwtIssuer.builder(issuerSigner, JWSAlgorithm.ES256)
            .type("dc+sd-jwt")
            .keyId("issuer-1")
            .build();
    VerifierOptions options =
        VerifierOptions.builder(new FixedKeyResolver(fixture.issuerKey.toECPublicKey(), "issuer-1"))
            .acceptType("dc+sd-jwt")
            .build();
    idnumHolder = new SdJwtHolder(options);
    idnumVerifier = new SdJwtVerifier(options);
    idnumHeld = idnumHolder.accept(idnumIssue());
    presentedPaths = new ArrayList<>();
    SdJwtFixture.PRESENTED.forEach(name -> presentedPaths.add(ClaimPath.of(name)));
    idnumPresentation = idnumPresent();

    authleteIssued = SDJWT.parse(authleteIssue());
    authletePresentation = authletePresent();
  }

  // ---- IdNum SDK ----

  /** Issue: ten Disclosures (random salts), digests, one ES256 signature, serialization. */
  @Benchmark
  public String idnumIssue() {
    return idnumIssuer.issue(claims, policy).serialize();
  }

  /** Present: select five Disclosures of a held SD-JWT, sign the KB-JWT (ES256). */
  @Benchmark
  public String idnumPresent() {
    return idnumHolder.presentWithKeyBinding(
        idnumHeld,
        presentedPaths,
        SdJwtFixture.AUDIENCE,
        SdJwtFixture.NONCE,
        holderSigner,
        JWSAlgorithm.ES256);
  }

  /** Verify with Key Binding: parse, two ES256 verifications, digests, every RFC 9901 §7 check. */
  @Benchmark
  public Map<String, Object> idnumVerify() {
    VerificationResult result =
        idnumVerifier.verify(
            idnumPresentation,
            new KeyBindingExpectation(SdJwtFixture.AUDIENCE, SdJwtFixture.NONCE));
    if (!(result instanceof VerificationResult.Verified verified) || !verified.keyBound()) {
      throw new IllegalStateException("not verified: " + result);
    }
    return verified.claims();
  }

  // ---- Authlete com.authlete:sd-jwt (signing and JWT checks with Nimbus) ----

  /** Issue with Authlete: SDObjectBuilder for the ten Disclosures, Nimbus ES256 signature. */
  @Benchmark
  public String authleteIssue() throws JOSEException {
    SDObjectBuilder builder = new SDObjectBuilder();
    long now = Instant.now().getEpochSecond();
    fixture.clearClaims(now).forEach(builder::putClaim);
    List<Disclosure> disclosures = new ArrayList<>(10);
    SdJwtFixture.DISCLOSABLE.forEach(
        (name, value) -> disclosures.add(builder.putSDClaim(name, value)));
    JWSObject jws = new JWSObject(issuerHeader, new Payload(builder.build()));
    jws.sign(issuerSigner);
    return new SDJWT(jws.serialize(), disclosures).toString();
  }

  /** Present with Authlete: select five Disclosures, {@code sd_hash}, Nimbus ES256 KB-JWT. */
  @Benchmark
  public String authletePresent() throws JOSEException {
    List<Disclosure> selected = new ArrayList<>(5);
    for (Disclosure d : authleteIssued.getDisclosures()) {
      if (SdJwtFixture.PRESENTED.contains(d.getClaimName())) {
        selected.add(d);
      }
    }
    SDJWT withoutKb = new SDJWT(authleteIssued.getCredentialJwt(), selected);
    Map<String, Object> kb = new LinkedHashMap<>();
    kb.put("iat", Instant.now().getEpochSecond());
    kb.put("aud", SdJwtFixture.AUDIENCE);
    kb.put("nonce", SdJwtFixture.NONCE);
    kb.put("sd_hash", withoutKb.getSDHash());
    JWSObject kbJwt =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kb+jwt")).build(),
            new Payload(kb));
    kbJwt.sign(holderSigner);
    return new SDJWT(authleteIssued.getCredentialJwt(), selected, kbJwt.serialize()).toString();
  }

  /** Verify with Key Binding with Authlete and Nimbus, with the same checks as the SDK. */
  @Benchmark
  public Map<String, Object> authleteVerify() throws JOSEException, ParseException {
    SDJWT sdJwt = SDJWT.parse(authletePresentation);
    JWSObject credential = JWSObject.parse(sdJwt.getCredentialJwt());
    if (!"dc+sd-jwt".equals(typ(credential))
        || !JWSAlgorithm.ES256.equals(credential.getHeader().getAlgorithm())
        || !credential.verify(issuerVerifier)) {
      throw new IllegalStateException("issuer signature");
    }
    Map<String, Object> payload = credential.getPayload().toJSONObject();
    long now = Instant.now().getEpochSecond();
    if (((Number) payload.get("exp")).longValue() + 60 < now) {
      throw new IllegalStateException("expired");
    }
    Map<String, Object> disclosed = new SDObjectDecoder().decode(payload, sdJwt.getDisclosures());
    JWSObject kb = JWSObject.parse(sdJwt.getBindingJwt());
    @SuppressWarnings("unchecked")
    Map<String, Object> cnf = (Map<String, Object>) payload.get("cnf");
    @SuppressWarnings("unchecked")
    ECKey holder = JWK.parse((Map<String, Object>) cnf.get("jwk")).toECKey();
    if (!"kb+jwt".equals(typ(kb))
        || !JWSAlgorithm.ES256.equals(kb.getHeader().getAlgorithm())
        || !kb.verify(new ECDSAVerifier(holder))) {
      throw new IllegalStateException("key binding signature");
    }
    Map<String, Object> kbClaims = kb.getPayload().toJSONObject();
    String expectedHash = new SDJWT(sdJwt.getCredentialJwt(), sdJwt.getDisclosures()).getSDHash();
    long iat = ((Number) kbClaims.get("iat")).longValue();
    if (!expectedHash.equals(kbClaims.get("sd_hash"))
        || !SdJwtFixture.AUDIENCE.equals(kbClaims.get("aud"))
        || !SdJwtFixture.NONCE.equals(kbClaims.get("nonce"))
        || iat > now + 60
        || iat < now - 300) {
      throw new IllegalStateException("key binding claims");
    }
    return disclosed;
  }

  private static String typ(JWSObject jws) {
    return jws.getHeader().getType() == null ? null : jws.getHeader().getType().getType();
  }

  /** Accepts an issued SD-JWT as a holder (for the tests). */
  HeldSdJwt idnumAccept(String issued) throws SdJwtException {
    return idnumHolder.accept(issued);
  }
}
