package ca.idnum.wallet.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A private signing key with its certificate chain (leaf first). {@link #toString()} never shows
 * the private key.
 *
 * @param id the key's storage id
 * @param privateKey the EC P-256 private key
 * @param chain the certificate chain, leaf first (the root CA alone for the root)
 */
public record SigningIdentity(String id, ECPrivateKey privateKey, List<X509Certificate> chain) {

  /** Validates. */
  public SigningIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a signing identity has a certificate");
    }
  }

  /** The certificate of this key. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The public key as a JWK, with {@code kid} the thumbprint and the {@code x5c} chain. */
  public ECKey publicJwk() {
    try {
      ECKey key =
          new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate().getPublicKey())
              .x509CertChain(x5c())
              .build();
      return new ECKey.Builder(key).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute the key thumbprint", e);
    }
  }

  /** A Nimbus signer (ES256). */
  public JWSSigner signer() {
    try {
      return new ECDSASigner(privateKey);
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable signing key", e);
    }
  }

  /** The chain for an {@code x5c} header: the leaf and its issuers, without the root for leaves. */
  public List<Base64> x5c() {
    List<Base64> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        out.add(Base64.encode(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode a certificate", e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SigningIdentity[" + id + ", " + certificate().getSubjectX500Principal() + "]";
  }
}
