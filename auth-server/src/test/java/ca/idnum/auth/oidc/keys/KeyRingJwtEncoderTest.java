package ca.idnum.auth.oidc.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.auth.oidc.client.SigningAlg;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

class KeyRingJwtEncoderTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  final ECKey ec = key(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
  final RSAKey rsa = key(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
  final KeyRingJwtEncoder encoder =
      new KeyRingJwtEncoder(
          () ->
              new KeyRing(
                  List.of(
                      active("ec-1", SigningAlg.ES256, ec),
                      active("rsa-1", SigningAlg.RS256, rsa))));

  @Test
  void whenAnEs256AccessTokenIsEncodedThenItIsSignedByTheActiveP256KeyWithItsKidAndType()
      throws Exception {
    Jwt jwt = encoder.encode(parameters(SignatureAlgorithm.ES256));

    SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(parsed.getHeader().getKeyID()).isEqualTo("ec-1");
    assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
    assertThat(parsed.verify(new ECDSAVerifier(ec.toPublicJWK()))).isTrue();
    assertThat(parsed.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(NOW.plusSeconds(300));
    assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo("https://auth.example");
    assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("urn:idnum:demo-api");
    assertThat(parsed.getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("jkt", "abc");
    assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(300));
    assertThat(jwt.getHeaders()).containsEntry("kid", "ec-1");
  }

  @Test
  void whenEncodedTwiceThenBothTokensVerifyWithTheSameCachedSigner() throws Exception {
    for (int i = 0; i < 2; i++) {
      SignedJWT parsed =
          SignedJWT.parse(encoder.encode(parameters(SignatureAlgorithm.RS256)).getTokenValue());
      assertThat(parsed.verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
      assertThat(parsed.getHeader().getKeyID()).isEqualTo("rsa-1");
    }
  }

  @Test
  void whenNoKeyOfTheAskedAlgorithmIsActiveThenEncodingFailsWithoutSigning() {
    assertThatThrownBy(() -> encoder.encode(parameters(SignatureAlgorithm.PS256)))
        .isInstanceOf(JwtEncodingException.class);
  }

  static JwtEncoderParameters parameters(SignatureAlgorithm alg) {
    try {
      JwtClaimsSet claims =
          JwtClaimsSet.builder()
              .issuer("https://auth.example")
              .subject("demo-backend")
              .audience(List.of("urn:idnum:demo-api"))
              .issuedAt(NOW)
              .expiresAt(NOW.plusSeconds(300))
              .claim("iss", new URL("https://auth.example"))
              .claim("cnf", Map.of("jkt", "abc"))
              .build();
      return JwtEncoderParameters.from(JwsHeader.with(alg).type("at+jwt").build(), claims);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static SigningKey active(String kid, SigningAlg alg, JWK jwk) {
    return new SigningKey(kid, alg, KeyStatus.ACTIVE, jwk, NOW, Optional.of(NOW), Optional.empty());
  }

  interface KeyMaker<T> {
    T make() throws Exception;
  }

  static <T> T key(KeyMaker<T> maker) {
    try {
      return maker.make();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
