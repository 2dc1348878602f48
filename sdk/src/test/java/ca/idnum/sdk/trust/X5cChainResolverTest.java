package ca.idnum.sdk.trust;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import ca.idnum.sdk.sdjwt.SdJwtError;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import ca.idnum.sdk.sdjwt.SdJwtVerifier;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class X5cChainResolverTest {
  static final String ISS = "https://issuer.example.ca";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  static KeyPair rootKeys;
  static X509Certificate root;
  static KeyPair caKeys;
  static X509Certificate intermediate;
  static KeyPair leafKeys;
  static X509Certificate leaf;

  @BeforeAll
  static void pki() throws Exception {
    rootKeys = TestCertificates.ecKeyPair();
    root = TestCertificates.ca("IdNum Test Root", rootKeys);
    caKeys = TestCertificates.ecKeyPair();
    intermediate = caSignedBy("IdNum Issuing CA", caKeys, root, rootKeys);
    leafKeys = TestCertificates.ecKeyPair();
    leaf =
        TestCertificates.leaf(
            "Issuer", leafKeys, intermediate, caKeys, KeyUsage.digitalSignature, ISS);
  }

  static X509Certificate caSignedBy(
      String name, KeyPair keys, X509Certificate issuer, KeyPair issuerKeys) throws Exception {
    org.bouncycastle.cert.X509v3CertificateBuilder b =
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
            issuer,
            java.math.BigInteger.valueOf(System.nanoTime()),
            java.util.Date.from(TestCertificates.NOT_BEFORE),
            java.util.Date.from(TestCertificates.NOT_AFTER),
            new org.bouncycastle.asn1.x500.X500Name("CN=" + name),
            keys.getPublic());
    b.addExtension(
        org.bouncycastle.asn1.x509.Extension.basicConstraints,
        true,
        new org.bouncycastle.asn1.x509.BasicConstraints(0));
    b.addExtension(
        org.bouncycastle.asn1.x509.Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
        .getCertificate(
            b.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuerKeys.getPrivate())));
  }

  static String issue(KeyPair signingKeys, List<X509Certificate> chain, String iss)
      throws Exception {
    List<Base64> x5c = new java.util.ArrayList<>();
    for (X509Certificate c : chain) {
      x5c.add(Base64.encode(c.getEncoded()));
    }
    SdJwtIssuer.Builder b =
        SdJwtIssuer.builder(
            new ECDSASigner((ECPrivateKey) signingKeys.getPrivate()), JWSAlgorithm.ES256);
    if (!chain.isEmpty()) {
      b.x509CertChain(x5c);
    }
    return b.build()
        .issue(
            Map.of("iss", iss, "given_name", "Marie"),
            DisclosurePolicy.builder().disclosable("given_name").build())
        .serialize();
  }

  static VerificationResult verify(String sdJwt, X509Certificate anchor, Clock clock) {
    X5cChainResolver resolver =
        new X5cChainResolver(X5cChainResolver.anchorsOf(List.of(anchor)), clock);
    return new SdJwtVerifier(VerifierOptions.builder(resolver).clock(clock).build())
        .verify(sdJwt, null);
  }

  static SdJwtError error(VerificationResult r) {
    assertThat(r).isInstanceOf(VerificationResult.Rejected.class);
    return ((VerificationResult.Rejected) r).error();
  }

  @Test
  void whenTheChainLeadsToTheAnchorThenVerified() throws Exception {
    assertThat(verify(issue(leafKeys, List.of(leaf, intermediate), ISS), root, CLOCK).isVerified())
        .isTrue();
    assertThat(
            verify(issue(leafKeys, List.of(leaf, intermediate, root), ISS), root, CLOCK)
                .isVerified())
        .isTrue();
  }

  @Test
  void whenTheAnchorIsAnotherRootThenUntrustedChain() throws Exception {
    KeyPair otherKeys = TestCertificates.ecKeyPair();
    X509Certificate other = TestCertificates.ca("Other Root", otherKeys);
    assertThat(error(verify(issue(leafKeys, List.of(leaf, intermediate), ISS), other, CLOCK)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("UNTRUSTED_CHAIN"));
  }

  @Test
  void whenTheCertificateHasExpiredThenUntrustedChain() throws Exception {
    Clock later = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);
    assertThat(error(verify(issue(leafKeys, List.of(leaf, intermediate), ISS), root, later)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("UNTRUSTED_CHAIN"));
  }

  @Test
  void whenTheLeafMayNotSignThenCertificateNotUsable() throws Exception {
    KeyPair k = TestCertificates.ecKeyPair();
    X509Certificate noSign =
        TestCertificates.leaf("NoSign", k, intermediate, caKeys, KeyUsage.keyEncipherment, ISS);
    assertThat(error(verify(issue(k, List.of(noSign, intermediate), ISS), root, CLOCK)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("CERTIFICATE_NOT_USABLE"));
  }

  @Test
  void whenIssDoesNotMatchTheCertificateThenCertificateNotUsable() throws Exception {
    assertThat(
            error(
                verify(
                    issue(leafKeys, List.of(leaf, intermediate), "https://other.example"),
                    root,
                    CLOCK)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("CERTIFICATE_NOT_USABLE"));
  }

  @Test
  void whenTheSignatureIsByAnotherKeyThanTheLeafThenInvalidSignature() throws Exception {
    KeyPair thief = TestCertificates.ecKeyPair();
    assertThat(error(verify(issue(thief, List.of(leaf, intermediate), ISS), root, CLOCK)))
        .isEqualTo(new SdJwtError.InvalidSignature(SdJwtError.Part.ISSUER_JWT));
  }

  @Test
  void whenThereIsNoX5cThenMissingHeader() throws Exception {
    assertThat(error(verify(issue(leafKeys, List.of(), ISS), root, CLOCK)))
        .isEqualTo(new SdJwtError.IssuerKeyUnresolved("MISSING_HEADER"));
  }
}
