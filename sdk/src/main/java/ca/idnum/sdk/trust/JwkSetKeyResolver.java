package ca.idnum.sdk.trust;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves the Issuer key from a configured JWK Set by {@code kid} (RFC 9901 §7.1 step 2; RFC 7515
 * §4.1.4). Without a {@code kid}, the key of the set equal to the {@code x5c} leaf certificate's
 * key (the certificate only selects among keys already trusted; after an issuer's key rotation the
 * set holds several keys), else a set of exactly one key is used.
 */
public final class JwkSetKeyResolver implements IssuerKeyResolver {
  private final JWKSet jwks;

  /** Resolves keys from {@code jwks}; private key material in it is ignored. */
  public JwkSetKeyResolver(JWKSet jwks) {
    this.jwks = Objects.requireNonNull(jwks, "jwks").toPublicJWKSet();
  }

  @Override
  public PublicKey resolve(JWSHeader header, Map<String, Object> payload)
      throws IssuerKeyException {
    return select(jwks, header);
  }

  static PublicKey select(JWKSet set, JWSHeader header) throws IssuerKeyException {
    if (header.getKeyID() == null
        && header.getX509CertChain() != null
        && !header.getX509CertChain().isEmpty()
        && set.getKeys().size() > 1) {
      java.security.cert.X509Certificate leaf =
          com.nimbusds.jose.util.X509CertUtils.parse(header.getX509CertChain().get(0).decode());
      if (leaf != null) {
        for (JWK jwk : set.getKeys()) {
          PublicKey candidate;
          try {
            candidate = PublicKeys.fromJwk(jwk);
          } catch (IssuerKeyException unusable) {
            continue;
          }
          if (java.security.MessageDigest.isEqual(
              candidate.getEncoded(), leaf.getPublicKey().getEncoded())) {
            return candidate;
          }
        }
      }
    }
    return select(set, header.getKeyID());
  }

  static PublicKey select(JWKSet set, String kid) throws IssuerKeyException {
    if (kid != null) {
      JWK jwk = set.getKeyByKeyId(kid);
      if (jwk == null) {
        throw new IssuerKeyException(IssuerKeyException.Reason.UNKNOWN_KEY_ID, "unknown kid");
      }
      return PublicKeys.fromJwk(jwk);
    }
    List<JWK> keys = set.getKeys();
    if (keys.size() != 1) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.MISSING_HEADER, "no kid and not exactly one key");
    }
    return PublicKeys.fromJwk(keys.get(0));
  }
}
