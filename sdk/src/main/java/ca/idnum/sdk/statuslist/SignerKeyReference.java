package ca.idnum.sdk.statuslist;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How a Status List Token names its signing key in the JWS header (Token Status List draft, §11.3;
 * RFC 7515 §4.1.4 {@code kid} and §4.1.6 {@code x5c}).
 */
public sealed interface SignerKeyReference {

  /** A {@code kid} header. */
  static SignerKeyReference kid(String kid) {
    return new KeyId(kid);
  }

  /** An {@code x5c} header: the signer's certificate first, then its issuers. */
  static SignerKeyReference x5c(List<X509Certificate> chain) {
    return new CertificateChain(chain);
  }

  /**
   * A {@code kid} header.
   *
   * @param kid the key identifier, not blank
   */
  record KeyId(String kid) implements SignerKeyReference {
    /** Validates the identifier. */
    public KeyId {
      Objects.requireNonNull(kid, "kid");
      if (kid.isBlank()) {
        throw new IllegalArgumentException("kid must not be blank");
      }
    }
  }

  /**
   * An {@code x5c} header.
   *
   * @param chain the certificate chain, leaf first, not empty
   */
  record CertificateChain(List<X509Certificate> chain) implements SignerKeyReference {
    /** Validates and copies the chain. */
    public CertificateChain {
      chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the x5c chain must not be empty");
      }
    }
  }
}
