package ca.idnum.wallet.issuance;

import ca.idnum.wallet.config.WalletProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Validates {@code jwt} key proofs (OpenID4VCI 1.0 Appendix F.1 and F.4): {@code typ} {@code
 * openid4vci-proof+jwt}, a supported asymmetric algorithm, the holder key in a public {@code jwk}
 * (no {@code kid} or {@code x5c}), a valid signature, {@code aud} the Credential Issuer identifier,
 * {@code iat} recent and not in the future, and the expected {@code nonce}.
 */
@Component
public final class ProofVerifier {

  static final JOSEObjectType TYPE = new JOSEObjectType("openid4vci-proof+jwt");
  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
  private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

  private final Clock clock;
  private final Duration maxAge;

  public ProofVerifier(Clock clock, WalletProperties properties) {
    this.clock = clock;
    this.maxAge = properties.proofMaxAge();
  }

  /**
   * A validated proof.
   *
   * @param holderKey the public key to bind the credential to
   * @param thumbprint its JWK SHA-256 thumbprint
   * @param nonce the {@code nonce} it carries
   */
  public record ValidProof(JWK holderKey, String thumbprint, String nonce) {}

  /**
   * Validates one proof for {@code issuerId}; the nonce is checked by the caller against the issued
   * {@code c_nonce}.
   */
  public ValidProof verify(String proof, String issuerId) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(proof);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("the proof is not a signed JWT");
    }
    if (!TYPE.equals(jwt.getHeader().getType())) {
      throw invalid("the proof typ must be openid4vci-proof+jwt");
    }
    if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
      throw invalid("unsupported proof algorithm");
    }
    if (jwt.getHeader().getKeyID() != null || jwt.getHeader().getX509CertChain() != null) {
      throw invalid("the holder key must be given as jwk only");
    }
    JWK jwk = jwt.getHeader().getJWK();
    if (jwk == null || !(jwk instanceof AsymmetricJWK asymmetric)) {
      throw invalid("the proof must carry the holder key in jwk");
    }
    if (jwk.isPrivate()) {
      throw invalid("the proof jwk must be a public key");
    }
    try {
      JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
      if (!jwt.verify(verifier)) {
        throw invalid("the proof signature does not verify with its jwk");
      }
    } catch (JOSEException e) {
      throw invalid("the proof signature does not verify with its jwk");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || aud.size() != 1 || !issuerId.equals(aud.get(0))) {
      throw invalid("the proof aud must be the Credential Issuer identifier");
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null) {
      throw invalid("the proof has no iat");
    }
    if (iat.toInstant().isBefore(now.minus(maxAge))
        || iat.toInstant().isAfter(now.plus(FUTURE_SKEW))) {
      throw invalid("the proof iat is outside the accepted window");
    }
    if (!(claims.getClaim("nonce") instanceof String nonce) || nonce.isEmpty()) {
      throw new IssuanceException(new IssuanceError.InvalidNonce("the proof has no nonce"));
    }
    try {
      return new ValidProof(jwk.toPublicJWK(), jwk.computeThumbprint().toString(), nonce);
    } catch (JOSEException e) {
      throw invalid("the holder key is unusable");
    }
  }

  private static IssuanceException invalid(String description) {
    return new IssuanceException(new IssuanceError.InvalidProof(description));
  }
}
