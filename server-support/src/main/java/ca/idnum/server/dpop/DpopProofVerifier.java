package ca.idnum.server.dpop;

import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3) for any server of the platform: {@code typ dpop+jwt}, an
 * asymmetric algorithm, a public {@code jwk} that verifies the signature, {@code htm} and {@code
 * htu} matching the request, {@code iat} within the accepted window, a {@code jti} never seen
 * before (kept in the {@link ShortLivedStore}, so replay is detected across nodes), and {@code ath}
 * the hash of the access token when one is presented. Returns the key's RFC 7638 thumbprint ({@code
 * jkt}).
 */
public final class DpopProofVerifier {

  /** The {@code typ} of a DPoP proof. */
  public static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

  /** The accepted signature algorithms. */
  public static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256);

  /** The accepted algorithms as announced in a {@code WWW-Authenticate: DPoP algs="..."}. */
  public static final String ALGS = "ES256 ES384 ES512 PS256";

  private static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
  private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

  private final ShortLivedStore store;
  private final Clock clock;
  private final Duration maxAge;
  private final String replayPrefix;

  /**
   * @param store where seen {@code jti} values are kept
   * @param clock the time source
   * @param maxAge the oldest accepted {@code iat}
   * @param replayPrefix the key prefix of the replay cache (one per server role)
   */
  public DpopProofVerifier(
      ShortLivedStore store, Clock clock, Duration maxAge, String replayPrefix) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.replayPrefix = Objects.requireNonNull(replayPrefix, "replayPrefix");
  }

  /**
   * Verifies {@code proof} for a request.
   *
   * @param proof the {@code DPoP} header value, or {@code null}
   * @param method the HTTP method
   * @param uri the request URI without query or fragment, as the client sees it
   * @param accessToken the access token presented with it, or {@code null} at a token endpoint
   * @return the JWK SHA-256 thumbprint of the proof key
   * @throws DpopProofException when the proof is missing or not acceptable
   */
  public String verify(String proof, String method, String uri, String accessToken) {
    if (proof == null || proof.isBlank()) {
      throw new DpopProofException("a DPoP proof is required");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(proof);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new DpopProofException("the DPoP proof is not a signed JWT");
    }
    if (!TYPE.equals(jwt.getHeader().getType())) {
      throw new DpopProofException("the DPoP proof typ must be dpop+jwt");
    }
    if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
      throw new DpopProofException("unsupported DPoP proof algorithm");
    }
    JWK jwk = jwt.getHeader().getJWK();
    if (jwk == null || jwk.isPrivate() || !(jwk instanceof AsymmetricJWK asymmetric)) {
      throw new DpopProofException("the DPoP proof must carry a public jwk");
    }
    try {
      JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
      if (!jwt.verify(verifier)) {
        throw new DpopProofException("the DPoP proof signature does not verify");
      }
    } catch (JOSEException e) {
      throw new DpopProofException("the DPoP proof signature does not verify");
    }
    if (!method.equals(claims.getClaim("htm"))) {
      throw new DpopProofException("htm does not match the request");
    }
    if (!uri.equals(claims.getClaim("htu"))) {
      throw new DpopProofException("htu does not match the request");
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null
        || iat.toInstant().isBefore(now.minus(maxAge))
        || iat.toInstant().isAfter(now.plus(FUTURE_SKEW))) {
      throw new DpopProofException("the DPoP proof iat is outside the accepted window");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isEmpty() || jti.length() > 256) {
      throw new DpopProofException("the DPoP proof needs a jti");
    }
    if (accessToken != null) {
      Object ath = claims.getClaim("ath");
      if (!(ath instanceof String a)
          || !MessageDigest.isEqual(
              a.getBytes(StandardCharsets.US_ASCII),
              sha256(accessToken).getBytes(StandardCharsets.US_ASCII))) {
        throw new DpopProofException("ath does not match the access token");
      }
    }
    String jkt;
    try {
      jkt = jwk.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new DpopProofException("the DPoP key is unusable");
    }
    if (!store.putIfAbsent(
        replayPrefix + sha256(jkt + ":" + jti), "1", maxAge.plus(FUTURE_SKEW).multipliedBy(2))) {
      throw new DpopProofException("the DPoP proof was already used");
    }
    return jkt;
  }

  /** Base64url SHA-256 of the ASCII {@code text} (the {@code ath} of an access token). */
  public static String sha256(String text) {
    try {
      return Base64URL.encode(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)))
          .toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
