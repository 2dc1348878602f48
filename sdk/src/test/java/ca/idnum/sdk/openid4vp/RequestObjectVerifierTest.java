package ca.idnum.sdk.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.dcql.DcqlQuery;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Wallet's checks of a signed request object (OpenID4VP 1.0 §5, §5.9.3; HAIP 1.0): trust chain,
 * signature, client identifier binding, freshness, required parameters; and response encryption.
 */
class RequestObjectVerifierTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static KeyPair caKeys;
  private static X509Certificate ca;
  private static KeyPair leafKeys;
  private static X509Certificate leaf;
  private static ECKey encKey;

  @BeforeAll
  static void pki() throws Exception {
    caKeys = ec();
    ca = cert("CN=Test CA", caKeys, "CN=Test CA", caKeys, true, null);
    leafKeys = ec();
    leaf = cert("CN=Verifier", leafKeys, "CN=Test CA", caKeys, false, "verifier.example");
    encKey = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID("enc-1").generate();
  }

  private final RequestObjectVerifier verifier = new RequestObjectVerifier(List.of(ca), CLOCK);

  @Test
  void whenTheRequestIsSignedByATrustedX509HashVerifierThenItIsAccepted() throws Exception {
    String clientId = ClientId.x509Hash(leaf).toString();
    AuthorizationRequest r = verifier.verify(sign(claims(clientId).build(), leafKeys), clientId);
    assertThat(r.clientId().prefix()).isEqualTo("x509_hash");
    assertThat(r.nonce()).isEqualTo("n-0S6_WzA2Mj");
    assertThat(r.name("fr")).isEqualTo("Organisme");
    assertThat(r.name("en")).isEqualTo("Body");
    assertThat(r.purpose("fr")).isEqualTo("Vérifier l'âge");
    assertThat(r.encryptionKey().getKeyID()).isEqualTo("enc-1");
    assertThat(r.dcqlQuery().credentials()).hasSize(1);
  }

  @Test
  void whenTheClientIdIsX509SanDnsThenTheCertificateAndResponseUriMustNameTheHost()
      throws Exception {
    String clientId = "x509_san_dns:verifier.example";
    assertThat(verifier.verify(sign(claims(clientId).build(), leafKeys), clientId).clientId())
        .isEqualTo(new ClientId("x509_san_dns", "verifier.example"));
    assertThat(reason(sign(claims("x509_san_dns:other.example").build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.CLIENT_ID_MISMATCH);
    assertThat(
            reason(
                sign(
                    claims(clientId).claim("response_uri", "https://evil.example/r").build(),
                    leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.CLIENT_ID_MISMATCH);
  }

  @Test
  void whenTheRequestIsUnsignedOrSignedByAnotherKeyThenItIsRefused() throws Exception {
    String clientId = ClientId.x509Hash(leaf).toString();
    assertThat(reason(new PlainJWT(claims(clientId).build()).serialize()))
        .isEqualTo(OpenId4VpException.Reason.REQUEST_NOT_SIGNED);
    assertThat(reason(sign(claims(clientId).build(), ec())))
        .isEqualTo(OpenId4VpException.Reason.REQUEST_SIGNATURE_INVALID);
    RequestObjectVerifier other =
        new RequestObjectVerifier(
            List.of(cert("CN=Other", ec(), "CN=Other", caKeys, true, null)), CLOCK);
    OpenId4VpException e =
        catchThrowableOfType(
            OpenId4VpException.class,
            () -> other.verify(sign(claims(clientId).build(), leafKeys), null));
    assertThat(e.reason()).isEqualTo(OpenId4VpException.Reason.UNTRUSTED_VERIFIER);
  }

  @Test
  void whenARequiredParameterIsMissingOrWrongThenTheRequestIsInvalid() throws Exception {
    String clientId = ClientId.x509Hash(leaf).toString();
    assertThat(reason(sign(claims("x509_hash:AAAA").build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.CLIENT_ID_MISMATCH);
    assertThat(reason(sign(claims("redirect_uri:https://v.example").build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.UNSUPPORTED_CLIENT_ID_PREFIX);
    assertThat(
            reason(
                sign(
                    claims(clientId).expirationTime(Date.from(NOW.minusSeconds(120))).build(),
                    leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.INVALID_REQUEST);
    assertThat(reason(sign(claims(clientId).claim("nonce", null).build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.INVALID_REQUEST);
    assertThat(reason(sign(claims(clientId).claim("response_type", "code").build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.INVALID_REQUEST);
    assertThat(reason(sign(claims(clientId).claim("client_metadata", Map.of()).build(), leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.INVALID_REQUEST);
    assertThat(
            reason(
                sign(
                    claims(clientId).claim("dcql_query", Map.of("credentials", List.of())).build(),
                    leafKeys)))
        .isEqualTo(OpenId4VpException.Reason.INVALID_REQUEST);
  }

  @Test
  void whenTheResponseIsEncryptedThenOnlyTheVerifiersKeyDecryptsIt() throws Exception {
    String clientId = ClientId.x509Hash(leaf).toString();
    AuthorizationRequest r = verifier.verify(sign(claims(clientId).build(), leafKeys), clientId);
    String jwe =
        HolderPresenter.encrypt(r, Map.of("vp_token", Map.of("a", List.of("x~")), "state", "s"));
    JWEObject o = JWEObject.parse(jwe);
    assertThat(o.getHeader().getAlgorithm().getName()).isEqualTo("ECDH-ES");
    assertThat(o.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    assertThat(o.getHeader().getKeyID()).isEqualTo("enc-1");
    o.decrypt(new ECDHDecrypter(encKey));
    assertThat(JSONObjectUtils.parse(o.getPayload().toString())).containsEntry("state", "s");
  }

  private OpenId4VpException.Reason reason(String jwt) {
    OpenId4VpException e =
        catchThrowableOfType(OpenId4VpException.class, () -> verifier.verify(jwt, null));
    assertThat(e).as("refused").isNotNull();
    return e.reason();
  }

  private static JWTClaimsSet.Builder claims(String clientId) {
    return new JWTClaimsSet.Builder()
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plusSeconds(300)))
        .claim("client_id", clientId)
        .claim("response_type", "vp_token")
        .claim("response_mode", "direct_post.jwt")
        .claim("response_uri", "https://verifier.example/response")
        .claim("nonce", "n-0S6_WzA2Mj")
        .claim("state", "st")
        .claim("dcql_query", DcqlQuery.single("age", "urn:age", "age_over_18").toJson())
        .claim(
            "client_metadata",
            Map.of(
                "jwks",
                new JWKSet(encKey.toPublicJWK()).toJSONObject(true),
                "encrypted_response_enc_values_supported",
                List.of("A256GCM", "A128GCM"),
                "client_name#fr",
                "Organisme",
                "client_name#en",
                "Body",
                "purpose#fr",
                "Vérifier l'âge"));
  }

  private static String sign(JWTClaimsSet claims, KeyPair key) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(RequestObjectVerifier.TYPE))
                .x509CertChain(List.of(Base64.encode(leaf.getEncoded())))
                .build(),
            claims);
    jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
    return jwt.serialize();
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate cert(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      String dns)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(NOW.minusSeconds(86400)),
            Date.from(NOW.plusSeconds(86400)),
            new X500Name(subject),
            subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    if (dns != null) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}
