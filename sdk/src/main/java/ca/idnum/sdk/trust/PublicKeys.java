package ca.idnum.sdk.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * Converts public JWKs (RFC 7517) to JCA keys, including Ed25519 (RFC 8037) through the JDK's own
 * EdDSA provider so that no further library is needed.
 */
public final class PublicKeys {

  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private PublicKeys() {}

  /**
   * The public key of an EC (P-256, P-384, P-521), RSA or Ed25519 JWK.
   *
   * @throws IssuerKeyException with {@link IssuerKeyException.Reason#UNSUPPORTED_KEY} otherwise
   */
  public static PublicKey fromJwk(JWK jwk) throws IssuerKeyException {
    try {
      if (jwk instanceof ECKey ec) {
        return ec.toECPublicKey();
      }
      if (jwk instanceof RSAKey rsa) {
        return rsa.toRSAPublicKey();
      }
      if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
          throw new IssuerKeyException(IssuerKeyException.Reason.UNSUPPORTED_KEY, "bad Ed25519 x");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
    } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.UNSUPPORTED_KEY, "invalid key");
    }
    throw new IssuerKeyException(
        IssuerKeyException.Reason.UNSUPPORTED_KEY, "unsupported key type " + jwk.getKeyType());
  }
}
