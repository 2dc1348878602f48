package ca.idnum.wallet.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * SD-JWT VCs made by a throwaway issuer key, bound to a holder key: the wallet storage API stores
 * what the wallet holds without verifying it, so these stand in where the issuer does not matter
 * (size, quota, restart). The full flow uses credentials issued by wallet-api itself.
 */
public final class TestCredentials {

  private static final ECKey ISSUER_KEY;

  static {
    try {
      ISSUER_KEY = new ECKeyGenerator(Curve.P_256).generate();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TestCredentials() {}

  /** An SD-JWT VC of type {@code vct} bound to {@code holderKey}, with {@code padding} chars. */
  public static String sdJwtVc(ECKey holderKey, String vct, int padding) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("https://issuer.example/issuers/test")
            .claim("vct", vct)
            .claim("_sd_alg", "sha-256")
            .claim("cnf", Map.of("jwk", holderKey.toPublicJWK().toJSONObject()))
            .claim(
                "status",
                Map.of("status_list", Map.of("idx", 7, "uri", "https://issuer.example/status/1")))
            .claim("note", "x".repeat(padding))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(86400)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dc+sd-jwt")).build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(ISSUER_KEY));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize() + "~";
  }
}
