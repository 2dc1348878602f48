package ca.idnum.sdk.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Key selection in a JWK Set holding several keys, as after an issuer's key rotation. */
class JwkSetKeyResolverTest {

  @Test
  void whenTheHeaderHasNoKidThenTheKeyOfTheX5cLeafIsSelectedAmongSeveral() throws Exception {
    KeyPair caKeys = TestCertificates.ecKeyPair();
    X509Certificate ca = TestCertificates.ca("root", caKeys);
    KeyPair oldKeys = TestCertificates.ecKeyPair();
    KeyPair newKeys = TestCertificates.ecKeyPair();
    X509Certificate oldLeaf =
        TestCertificates.leaf("old", oldKeys, ca, caKeys, KeyUsage.digitalSignature, null);
    JWKSet set =
        new JWKSet(
            List.of(
                new ECKey.Builder(Curve.P_256, (ECPublicKey) newKeys.getPublic())
                    .keyID("new")
                    .build(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) oldKeys.getPublic())
                    .keyID("old")
                    .build()));
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .x509CertChain(List.of(Base64.encode(oldLeaf.getEncoded())))
            .build();
    assertThat(new JwkSetKeyResolver(set).resolve(header, Map.of())).isEqualTo(oldKeys.getPublic());
  }

  @Test
  void whenNoKidAndTheX5cLeafIsNotInTheSetThenTheKeyIsNotGuessed() throws Exception {
    KeyPair caKeys = TestCertificates.ecKeyPair();
    X509Certificate ca = TestCertificates.ca("root", caKeys);
    KeyPair strangerKeys = TestCertificates.ecKeyPair();
    X509Certificate stranger =
        TestCertificates.leaf(
            "stranger", strangerKeys, ca, caKeys, KeyUsage.digitalSignature, null);
    JWKSet set =
        new JWKSet(
            List.of(
                new ECKey.Builder(
                        Curve.P_256, (ECPublicKey) TestCertificates.ecKeyPair().getPublic())
                    .keyID("a")
                    .build(),
                new ECKey.Builder(
                        Curve.P_256, (ECPublicKey) TestCertificates.ecKeyPair().getPublic())
                    .keyID("b")
                    .build()));
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .x509CertChain(List.of(Base64.encode(stranger.getEncoded())))
            .build();
    assertThatThrownBy(() -> new JwkSetKeyResolver(set).resolve(header, Map.of()))
        .isInstanceOf(IssuerKeyException.class);
  }
}
