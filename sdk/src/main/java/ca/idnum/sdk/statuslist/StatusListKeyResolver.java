package ca.idnum.sdk.statuslist;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the public key that must have signed a Status List Token. The Token Status List draft
 * leaves key resolution and trust to the ecosystem (§1.3, §11.3): an implementation may use the
 * {@code kid}, validate an {@code x5c} chain against trust anchors (then check the extended key
 * usage of §10), or consult issuer metadata. Returning empty refuses the token.
 */
@FunctionalInterface
public interface StatusListKeyResolver {

  /**
   * The key for a token, or empty when none is trusted for it.
   *
   * @param header the verified-to-be-well-formed JWS header (with {@code alg}, {@code kid}, {@code
   *     x5c} ...), not yet authenticated
   * @param statusListUri the URI the token was fetched from
   */
  Optional<PublicKey> resolve(JWSHeader header, URI statusListUri);

  /** Always the same key, whatever the header says. */
  static StatusListKeyResolver fixed(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return (header, uri) -> Optional.of(key);
  }

  /**
   * The public key of a JWK set whose {@code kid} equals the header's; when the header has no
   * {@code kid}, the only key of a one-key set.
   */
  static StatusListKeyResolver jwkSet(JWKSet jwks) {
    Objects.requireNonNull(jwks, "jwks");
    JWKSet publicKeys = jwks.toPublicJWKSet();
    return (header, uri) -> {
      List<JWK> keys = publicKeys.getKeys();
      JWK match = null;
      if (header.getKeyID() != null) {
        match = publicKeys.getKeyByKeyId(header.getKeyID());
      } else if (keys.size() == 1) {
        match = keys.get(0);
      }
      if (!(match instanceof AsymmetricJWK asymmetric)) {
        return Optional.empty();
      }
      try {
        return Optional.of(asymmetric.toPublicKey());
      } catch (JOSEException e) {
        return Optional.empty();
      }
    };
  }
}
