package ca.idnum.sdk.trust;

import com.nimbusds.jose.JWSHeader;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves every Issuer-signed JWT to one configured key (RFC 9901 §7.1 step 2, key known out of
 * band). If a key id is configured, a {@code kid} header naming another key is refused.
 */
public final class FixedKeyResolver implements IssuerKeyResolver {
  private final PublicKey key;
  private final String keyId;

  /** Resolves to {@code key} whatever the header says. */
  public FixedKeyResolver(PublicKey key) {
    this(key, null);
  }

  /** Resolves to {@code key}; refuses a {@code kid} other than {@code keyId}. */
  public FixedKeyResolver(PublicKey key, String keyId) {
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = keyId;
  }

  @Override
  public PublicKey resolve(JWSHeader header, Map<String, Object> payload)
      throws IssuerKeyException {
    if (keyId != null && header.getKeyID() != null && !keyId.equals(header.getKeyID())) {
      throw new IssuerKeyException(IssuerKeyException.Reason.UNKNOWN_KEY_ID, "unknown kid");
    }
    return key;
  }
}
