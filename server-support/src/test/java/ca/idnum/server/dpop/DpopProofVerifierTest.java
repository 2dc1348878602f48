package ca.idnum.server.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.server.store.InMemoryShortLivedStore;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DpopProofVerifierTest {

  private static final String URI = "https://wallet.example/wallet/credentials";
  private final DpopProofVerifier verifier =
      new DpopProofVerifier(
          new InMemoryShortLivedStore(Clock.systemUTC()),
          Clock.systemUTC(),
          Duration.ofMinutes(5),
          "test:dpop:");

  private static String proof(ECKey key, String htm, String htu, String token, Instant iat)
      throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(UUID.randomUUID().toString())
            .claim("htm", htm)
            .claim("htu", htu)
            .issueTime(Date.from(iat));
    if (token != null) {
      claims.claim("ath", DpopProofVerifier.sha256(token));
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK())
                .build(),
            claims.build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Test
  void whenTheProofMatchesTheRequestAndTokenThenItsKeyThumbprintIsReturnedOnce() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    String proof = proof(key, "GET", URI, "tok", Instant.now());
    assertThat(verifier.verify(proof, "GET", URI, "tok"))
        .isEqualTo(key.computeThumbprint().toString());
    assertThatThrownBy(() -> verifier.verify(proof, "GET", URI, "tok"))
        .isInstanceOf(DpopProofException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void whenTheProofIsMissingOrForAnotherRequestTokenOrTimeThenRefused() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    assertThatThrownBy(() -> verifier.verify(null, "GET", URI, "tok"))
        .isInstanceOf(DpopProofException.class);
    assertThatThrownBy(() -> verifier.verify("not.a.jwt", "GET", URI, "tok"))
        .isInstanceOf(DpopProofException.class);
    assertThatThrownBy(
            () -> verifier.verify(proof(key, "POST", URI, "tok", Instant.now()), "GET", URI, "tok"))
        .hasMessageContaining("htm");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    proof(key, "GET", URI + "/x", "tok", Instant.now()), "GET", URI, "tok"))
        .hasMessageContaining("htu");
    assertThatThrownBy(
            () ->
                verifier.verify(proof(key, "GET", URI, "other", Instant.now()), "GET", URI, "tok"))
        .hasMessageContaining("ath");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    proof(key, "GET", URI, "tok", Instant.now().minusSeconds(3600)),
                    "GET",
                    URI,
                    "tok"))
        .hasMessageContaining("iat");
  }
}
