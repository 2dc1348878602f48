package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;

/** Keys and signers for tests. */
public final class TestKeys {
  private TestKeys() {}

  /** A key pair with its JWK, signer and algorithm. */
  public record TestKey(JWK jwk, PublicKey publicKey, JWSSigner signer, JWSAlgorithm algorithm) {
    public JWK publicJwk() {
      return jwk.toPublicJWK();
    }
  }

  public static TestKey ec(Curve curve, JWSAlgorithm alg, String kid) {
    try {
      ECKey k = new ECKeyGenerator(curve).keyID(kid).generate();
      return new TestKey(k, k.toECPublicKey(), new ECDSASigner(k), alg);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TestKey es256(String kid) {
    return ec(Curve.P_256, JWSAlgorithm.ES256, kid);
  }

  public static TestKey es384(String kid) {
    return ec(Curve.P_384, JWSAlgorithm.ES384, kid);
  }

  public static TestKey ps256(String kid) {
    try {
      RSAKey k = new RSAKeyGenerator(2048).keyID(kid).generate();
      return new TestKey(k, k.toRSAPublicKey(), new RSASSASigner(k), JWSAlgorithm.PS256);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TestKey ed25519(String kid) {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = kp.getPublic().getEncoded();
      byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
      OctetKeyPair jwk =
          new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
              .d(Base64URL.encode(d))
              .keyID(kid)
              .build();
      return new TestKey(
          jwk, kp.getPublic(), new Ed25519JcaSigner(kp.getPrivate()), JWSAlgorithm.EdDSA);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
