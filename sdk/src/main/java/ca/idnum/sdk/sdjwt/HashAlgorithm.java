package ca.idnum.sdk.sdjwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The hash algorithms for Disclosure digests ({@code _sd_alg}, RFC 9901 §4.1.1 and §4.2.3), named
 * as in the IANA "Named Information Hash Algorithm" registry.
 */
public enum HashAlgorithm {
  /** {@code sha-256}, the default when {@code _sd_alg} is absent. */
  SHA_256("sha-256", "SHA-256"),
  /** {@code sha-384}. */
  SHA_384("sha-384", "SHA-384"),
  /** {@code sha-512}. */
  SHA_512("sha-512", "SHA-512");

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String ianaName;
  private final String jcaName;
  private final ThreadLocal<MessageDigest> digests;

  HashAlgorithm(String ianaName, String jcaName) {
    this.ianaName = ianaName;
    this.jcaName = jcaName;
    this.digests = ThreadLocal.withInitial(this::newDigest);
  }

  /** The name used in {@code _sd_alg}. */
  public String ianaName() {
    return ianaName;
  }

  /** The algorithm for an {@code _sd_alg} value, if supported. */
  public static Optional<HashAlgorithm> fromIanaName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.ianaName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The base64url digest over the US-ASCII bytes of {@code input} (RFC 9901 §4.2.3: the digest is
   * over the Disclosure exactly as encoded, never over re-serialized JSON).
   */
  public String digest(String input) {
    return B64.encodeToString(hash(input.getBytes(StandardCharsets.US_ASCII)));
  }

  byte[] hash(byte[] input) {
    MessageDigest md = digests.get();
    md.reset();
    return md.digest(input);
  }

  private MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " missing from the JCA", e);
    }
  }
}
