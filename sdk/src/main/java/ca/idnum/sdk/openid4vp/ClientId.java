package ca.idnum.sdk.openid4vp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

/**
 * A Verifier's Client Identifier with its prefix (OpenID4VP 1.0 §5.9): {@code x509_hash:<base64url
 * SHA-256 of the DER leaf certificate>} (§5.9.3, the HAIP 1.0 choice) or {@code x509_san_dns:<a DNS
 * name of the leaf certificate>}.
 *
 * @param prefix {@code x509_hash} or {@code x509_san_dns}
 * @param value what follows the first colon
 */
public record ClientId(String prefix, String value) {
  /** The {@code x509_hash} prefix. */
  public static final String X509_HASH = "x509_hash";

  /** The {@code x509_san_dns} prefix. */
  public static final String X509_SAN_DNS = "x509_san_dns";

  /** Validates. */
  public ClientId {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty client identifier");
    }
  }

  /** Parses {@code prefix:value}; a value without a known prefix has prefix {@code ""}. */
  public static ClientId parse(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    int colon = clientId.indexOf(':');
    if (colon > 0) {
      String p = clientId.substring(0, colon);
      if (p.equals(X509_HASH) || p.equals(X509_SAN_DNS)) {
        return new ClientId(p, clientId.substring(colon + 1));
      }
    }
    return new ClientId("", clientId);
  }

  /** The {@code x509_hash} client identifier of {@code leaf}. */
  public static ClientId x509Hash(X509Certificate leaf) {
    return new ClientId(X509_HASH, hash(leaf));
  }

  /** The base64url (no padding) SHA-256 of the certificate's DER encoding. */
  public static String hash(X509Certificate certificate) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot hash the certificate", e);
    }
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? value : prefix + ":" + value;
  }
}
