package ca.idnum.auth.oidc.keys;

import ca.idnum.auth.oidc.client.SigningAlg;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the signing keys: the one active key per algorithm, and the public JWK
 * set of every published key with its serialized body precomputed (the JWKS endpoint is a hot
 * path).
 */
public final class KeyRing {

  private final Map<SigningAlg, JWK> active;
  private final JWKSet published;
  private final byte[] jwksBody;
  private final String etag;

  KeyRing(List<SigningKey> keys) {
    Map<SigningAlg, JWK> signing = new EnumMap<>(SigningAlg.class);
    keys.stream()
        .filter(k -> k.status() == KeyStatus.ACTIVE)
        .sorted(Comparator.comparing(k -> k.activatedAt().orElse(k.createdAt())))
        .forEach(k -> signing.put(k.alg(), k.jwk()));
    this.active = Map.copyOf(signing);
    this.published =
        new JWKSet(
            keys.stream()
                .sorted(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid))
                .map(k -> k.jwk().toPublicJWK())
                .toList());
    this.jwksBody = published.toString(true).getBytes(StandardCharsets.UTF_8);
    this.etag = "\"" + sha256Hex(jwksBody).substring(0, 32) + "\"";
  }

  public Optional<JWK> activeKey(SigningAlg alg) {
    return Optional.ofNullable(active.get(alg));
  }

  /** The JWK set of the keys that sign now (with private parts). */
  public JWKSet activeSet() {
    return new JWKSet(List.copyOf(active.values()));
  }

  /** The public JWK set of every published key. */
  public JWKSet publishedSet() {
    return published;
  }

  public byte[] jwksBody() {
    return jwksBody.clone();
  }

  byte[] jwksBodyUnsafe() {
    return jwksBody;
  }

  public String etag() {
    return etag;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
