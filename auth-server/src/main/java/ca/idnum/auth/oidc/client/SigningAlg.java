package ca.idnum.auth.oidc.client;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/** The JWS algorithms this provider signs with (and accepts for client assertions). */
public enum SigningAlg {
  RS256(SignatureAlgorithm.RS256),
  PS256(SignatureAlgorithm.PS256),
  ES256(SignatureAlgorithm.ES256);

  private final SignatureAlgorithm springValue;

  SigningAlg(SignatureAlgorithm springValue) {
    this.springValue = springValue;
  }

  public SignatureAlgorithm springValue() {
    return springValue;
  }

  public static SigningAlg parse(String value) {
    for (SigningAlg alg : values()) {
      if (alg.name().equals(value)) {
        return alg;
      }
    }
    throw new IllegalArgumentException("unsupported signing algorithm (RS256, PS256, ES256)");
  }
}
