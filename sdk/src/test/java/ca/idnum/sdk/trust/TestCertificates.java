package ca.idnum.sdk.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds small X.509 hierarchies with Bouncy Castle for trust tests. */
final class TestCertificates {
  private TestCertificates() {}

  static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
  private static long serial = 1;

  static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate ca(String name, KeyPair keys) throws Exception {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + name),
            BigInteger.valueOf(serial++),
            Date.from(NOT_BEFORE),
            Date.from(NOT_AFTER),
            new X500Name("CN=" + name),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(b, keys);
  }

  static X509Certificate leaf(
      String name,
      KeyPair leafKeys,
      X509Certificate issuer,
      KeyPair issuerKeys,
      int keyUsage,
      String sanUri)
      throws Exception {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(serial++),
            Date.from(NOT_BEFORE),
            Date.from(NOT_AFTER),
            new X500Name("CN=" + name),
            leafKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    if (sanUri != null) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
    }
    return sign(b, issuerKeys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
