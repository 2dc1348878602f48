package ca.idnum.wallet.issuance;

import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.wallet.config.WalletProperties;
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
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verifies DPoP proofs (RFC 9449 §4.3): {@code typ dpop+jwt}, an asymmetric algorithm, a public
 * {@code jwk} that verifies the signature, {@code htm} and {@code htu} matching the request, {@code
 * iat} within the accepted window, a {@code jti} never seen before, and {@code ath} the hash of the
 * access token when one is presented. Returns the key's thumbprint ({@code jkt}).
 */
@Component
public final class DpopVerifier {

  static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256);
  private static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
  private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

  private final ShortLivedStore store;
  private final Clock clock;
  private final Duration maxAge;

  public DpopVerifier(ShortLivedStore store, Clock clock, WalletProperties properties) {
    this.store = store;
    this.clock = clock;
    this.maxAge = properties.dpopMaxAge();
  }

  /**
   * Verifies {@code proof} for a request.
   *
   * @param proof the {@code DPoP} header value, or {@code null}
   * @param method the HTTP method
   * @param uri the request URI without query or fragment, as the client sees it
   * @param accessToken the access token presented with it, or {@code null} at the token endpoint
   * @param atResource whether this is a protected resource (401) rather than the token endpoint
   * @return the JWK SHA-256 thumbprint of the proof key
   */
  public String verify(
      String proof, String method, String uri, String accessToken, boolean atResource) {
    if (proof == null || proof.isBlank()) {
      throw fail("a DPoP proof is required", atResource);
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(proof);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw fail("the DPoP proof is not a signed JWT", atResource);
    }
    if (!TYPE.equals(jwt.getHeader().getType())) {
      throw fail("the DPoP proof typ must be dpop+jwt", atResource);
    }
    if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
      throw fail("unsupported DPoP proof algorithm", atResource);
    }
    JWK jwk = jwt.getHeader().getJWK();
    if (jwk == null || jwk.isPrivate() || !(jwk instanceof AsymmetricJWK asymmetric)) {
      throw fail("the DPoP proof must carry a public jwk", atResource);
    }
    try {
      JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
      if (!jwt.verify(verifier)) {
        throw fail("the DPoP proof signature does not verify", atResource);
      }
    } catch (JOSEException e) {
      throw fail("the DPoP proof signature does not verify", atResource);
    }
    if (!method.equals(claims.getClaim("htm"))) {
      throw fail("htm does not match the request", atResource);
    }
    if (!uri.equals(claims.getClaim("htu"))) {
      throw fail("htu does not match the request", atResource);
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null
        || iat.toInstant().isBefore(now.minus(maxAge))
        || iat.toInstant().isAfter(now.plus(FUTURE_SKEW))) {
      throw fail("the DPoP proof iat is outside the accepted window", atResource);
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isEmpty() || jti.length() > 256) {
      throw fail("the DPoP proof needs a jti", atResource);
    }
    if (accessToken != null) {
      Object ath = claims.getClaim("ath");
      if (!(ath instanceof String a) || !a.equals(sha256(accessToken))) {
        throw fail("ath does not match the access token", atResource);
      }
    }
    String jkt;
    try {
      jkt = jwk.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw fail("the DPoP key is unusable", atResource);
    }
    if (!store.putIfAbsent(
        "wallet:dpop-jti:" + sha256(jkt + ":" + jti),
        "1",
        maxAge.plus(FUTURE_SKEW).multipliedBy(2))) {
      throw fail("the DPoP proof was already used", atResource);
    }
    return jkt;
  }

  static String sha256(String text) {
    try {
      return Base64URL.encode(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)))
          .toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IssuanceException fail(String description, boolean atResource) {
    return new IssuanceException(new IssuanceError.InvalidDpopProof(description, atResource));
  }
}
