package ca.idnum.sdk.openid4vci;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Builds the JWTs a wallet signs: DPoP proofs (RFC 9449 §4.2) and OpenID4VCI {@code jwt} proofs.
 */
public final class Proofs {

  /** {@code typ} of a key proof. */
  public static final JOSEObjectType KEY_PROOF_TYPE = new JOSEObjectType("openid4vci-proof+jwt");

  /** {@code typ} of a DPoP proof. */
  public static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

  private Proofs() {}

  /**
   * A DPoP proof for {@code method} {@code uri}; with {@code accessToken}, its {@code ath}.
   *
   * @param key the private EC P-256 DPoP key
   */
  public static String dpop(ECKey key, String method, String uri, String accessToken, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(UUID.randomUUID().toString())
            .claim("htm", method)
            .claim("htu", uri)
            .issueTime(Date.from(now));
    if (accessToken != null) {
      claims.claim("ath", sha256(accessToken));
    }
    return sign(key, DPOP_TYPE, claims.build());
  }

  /**
   * A key proof binding the credential to {@code holderKey}'s public key.
   *
   * @param holderKey the private EC P-256 holder key
   * @param audience the Credential Issuer identifier
   * @param nonce the {@code c_nonce}
   */
  public static String keyProof(ECKey holderKey, String audience, String nonce, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder().audience(audience).issueTime(Date.from(now));
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    return sign(holderKey, KEY_PROOF_TYPE, claims.build());
  }

  /** Signs {@code claims} with {@code key}, putting its public JWK in the header. */
  public static String sign(ECKey key, JOSEObjectType type, JWTClaimsSet claims) {
    try {
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).jwk(key.toPublicJWK()).build();
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign with this key", e);
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** 32 random bytes, base64url (a {@code state}, or half a PKCE code verifier). */
  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
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
}
