package ca.idnum.sdk.statuslist;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of {@code docs/sdk-status-list.md}, kept compiling and passing. */
class StatusListUsageExampleTest {

  @Test
  void whenTheDocumentedExampleRunsThenTheRevokedCredentialIsInvalid() throws Exception {
    // Status Issuer: a list of 100,000 entries, 2 bits each (VALID, INVALID, SUSPENDED).
    ECKey statusKey = new ECKeyGenerator(Curve.P_256).keyID("status-2026").generate();
    URI uri = URI.create("https://status.example.gouv.qc.ca/statuslists/1");
    StatusList list =
        new StatusListBuilder(StatusBits.TWO, 100_000)
            .set(4242, TokenStatus.INVALID)
            .set(17, TokenStatus.SUSPENDED)
            .build();
    StatusListTokenIssuer issuer =
        new StatusListTokenIssuer(
            new ECDSASigner(statusKey),
            JWSAlgorithm.ES256,
            SignerKeyReference.kid("status-2026"),
            Clock.systemUTC());
    String statusListJwt = issuer.issue(uri, list, Duration.ofDays(1), Duration.ofMinutes(15));

    // Issuer of the credential: the "status" claim of the Referenced Token.
    Map<String, Object> statusClaim = new StatusListReference(4242, uri).toStatusClaim();

    // Relying Party: read the reference, fetch (HTTP is the caller's), verify, look up.
    StatusListReference reference = StatusListReference.fromStatusClaim(statusClaim);
    StatusListTokenVerifier verifier =
        StatusListTokenVerifier.withDefaults(
            StatusListKeyResolver.jwkSet(new JWKSet(statusKey.toPublicJWK())), Clock.systemUTC());
    StatusListCache cache =
        new StatusListCache(
            fetchedUri -> statusListJwt,
            verifier,
            Clock.systemUTC(),
            StatusListCachePolicy.defaults());
    TokenStatus status = cache.status(reference);

    assertThat(status).isEqualTo(TokenStatus.INVALID);
    assertThat(status.isValid()).isFalse();
  }
}
