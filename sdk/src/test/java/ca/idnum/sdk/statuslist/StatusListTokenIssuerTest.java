package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListFixtures.URI_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class StatusListTokenIssuerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final URI URI = java.net.URI.create(URI_1);

  private final ECKey key = StatusListFixtures.newEcKey("status-2026");
  private final StatusList list =
      new StatusListBuilder(StatusBits.TWO, 1000)
          .set(7, TokenStatus.INVALID)
          .set(8, TokenStatus.SUSPENDED)
          .set(999, TokenStatus.of(3))
          .build();

  @Test
  void whenIssuedWithKidThenTheHeaderAndClaimsFollowSection51() throws Exception {
    StatusListTokenIssuer issuer =
        new StatusListTokenIssuer(
            new ECDSASigner(key), JWSAlgorithm.ES256, SignerKeyReference.kid("status-2026"), CLOCK);

    String compact = issuer.issue(URI, list, Duration.ofDays(1), Duration.ofMinutes(10));

    SignedJWT jwt = SignedJWT.parse(compact);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("statuslist+jwt");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("status-2026");
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    Map<String, Object> claims = jwt.getPayload().toJSONObject();
    assertThat(claims).containsEntry("sub", URI_1);
    assertThat(claims).containsEntry("iat", NOW.getEpochSecond());
    assertThat(claims).containsEntry("exp", NOW.plus(Duration.ofDays(1)).getEpochSecond());
    assertThat(claims).containsEntry("ttl", 600L);
    assertThat(claims.get("status_list")).isEqualTo(Map.of("bits", 2L, "lst", list.toLst()));
  }

  @Test
  void whenIssuedThenOurVerifierReadsBackTheSameListAndClaims() throws Exception {
    StatusListTokenIssuer issuer =
        new StatusListTokenIssuer(
            new ECDSASigner(key), JWSAlgorithm.ES256, SignerKeyReference.kid("status-2026"), CLOCK);
    StatusListToken sent =
        StatusListToken.of(URI, NOW, list)
            .withExpiresAt(NOW.plus(Duration.ofHours(12)))
            .withTimeToLive(Duration.ofMinutes(5))
            .withAggregationUri(
                java.net.URI.create("https://status.example.gouv.qc.ca/aggregation"))
            .withIssuer("https://issuer.example.gouv.qc.ca");

    StatusListToken received =
        StatusListTokenVerifier.withDefaults(
                StatusListKeyResolver.jwkSet(new JWKSet(key.toPublicJWK())), CLOCK)
            .verify(issuer.sign(sent), URI);

    assertThat(received).isEqualTo(sent);
    assertThat(received.statusOf(new StatusListReference(8, URI))).isEqualTo(TokenStatus.SUSPENDED);
  }

  @Test
  void whenIssuedWithAnX5cChainThenTheHeaderCarriesTheCertificateAndItsKeyVerifies()
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X509Certificate certificate = selfSigned(pair);
    StatusListTokenIssuer issuer =
        new StatusListTokenIssuer(
            new ECDSASigner((java.security.interfaces.ECPrivateKey) pair.getPrivate()),
            JWSAlgorithm.ES256,
            SignerKeyReference.x5c(List.of(certificate)),
            CLOCK);
    StatusListKeyResolver fromX5c =
        (header, uri) ->
            Optional.ofNullable(header.getX509CertChain())
                .filter(chain -> !chain.isEmpty())
                .map(chain -> X509CertUtils.parse(chain.get(0).decode()))
                .map(X509Certificate::getPublicKey);

    String compact = issuer.issue(URI, list, Duration.ofDays(1), Duration.ofMinutes(10));

    assertThat(SignedJWT.parse(compact).getHeader().getX509CertChain().get(0).decode())
        .isEqualTo(certificate.getEncoded());
    assertThat(SignedJWT.parse(compact).getHeader().getKeyID()).isNull();
    assertThat(
            StatusListTokenVerifier.withDefaults(fromX5c, CLOCK).verify(compact, URI).statusList())
        .isEqualTo(list);
  }

  @Test
  void whenSignedWithPs256ThenItVerifiesWithTheRsaKey() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
    StatusListTokenIssuer issuer =
        new StatusListTokenIssuer(
            new RSASSASigner(rsa), JWSAlgorithm.PS256, SignerKeyReference.kid("rsa"), CLOCK);

    String compact = issuer.issue(URI, list, Duration.ofDays(1), Duration.ofMinutes(10));

    assertThat(
            StatusListTokenVerifier.withDefaults(
                    StatusListKeyResolver.fixed(rsa.toPublicKey()), CLOCK)
                .verify(compact, URI)
                .statusList())
        .isEqualTo(list);
  }

  @Test
  void whenTheIssuerIsGivenAMacOrAnUnsupportedAlgorithmThenItIsRefused() throws Exception {
    assertThatThrownBy(
            () ->
                new StatusListTokenIssuer(
                    new MACSigner(new byte[32]),
                    JWSAlgorithm.HS256,
                    SignerKeyReference.kid("k"),
                    CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new StatusListTokenIssuer(
                    new ECDSASigner(key), JWSAlgorithm.ES384, SignerKeyReference.kid("k"), CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTokenValuesAreInvalidThenTheRecordRefusesThem() {
    assertThatThrownBy(() -> StatusListToken.of(java.net.URI.create("/relative"), NOW, list))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusListToken.of(URI, NOW, list).withTimeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignerKeyReference.kid(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignerKeyReference.x5c(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static X509Certificate selfSigned(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=Status Issuer, O=IdNum test");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(42),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            name,
            pair.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }
}
