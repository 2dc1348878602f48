package ca.idnum.wallet.issuer;

import ca.idnum.server.crypto.EnvelopeEncryption;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing keys at rest: PKCS#8 private keys envelope-encrypted under the KEK (associated data: the
 * key id, so a ciphertext moved to another row does not decrypt) and their certificate chains.
 */
@Component
public final class PlatformKeyStore {

  private final JdbcClient jdbc;
  private final EnvelopeEncryption encryption;
  private final Clock clock;

  public PlatformKeyStore(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.clock = clock;
  }

  /**
   * The identity stored under {@code id}, or the one {@code create} makes, stored at first use.
   * When several nodes race, the first insert wins and the others read it back.
   */
  public SigningIdentity getOrCreate(String id, Supplier<SigningIdentity> create) {
    Optional<SigningIdentity> existing = find(id);
    if (existing.isPresent()) {
      return existing.get();
    }
    SigningIdentity created = create.get();
    try {
      insert(created);
      return created;
    } catch (DuplicateKeyException raced) {
      return find(id).orElseThrow();
    }
  }

  /** Stores a new identity (its id must be unused). */
  void insert(SigningIdentity identity) {
    store(
        identity.id(),
        identity.privateKey(),
        String.join(",", identity.x5c().stream().map(Object::toString).toList()));
  }

  /**
   * The key stored under {@code id} (a key without certificate, such as an encryption key), or the
   * one {@code create} makes, stored at first use; the first insert wins a race.
   */
  public ECPrivateKey getOrCreateKey(String id, Supplier<ECPrivateKey> create) {
    Optional<ECPrivateKey> existing = findKey(id);
    if (existing.isPresent()) {
      return existing.get();
    }
    ECPrivateKey created = create.get();
    try {
      store(id, created, null);
      return created;
    } catch (DuplicateKeyException raced) {
      return findKey(id).orElseThrow();
    }
  }

  private void store(String id, ECPrivateKey key, String chain) {
    byte[] pkcs8 = key.getEncoded();
    try {
      jdbc.sql(
              "INSERT INTO platform_key (id, private_key, certificate_chain, created_at)"
                  + " VALUES (:id, :key, :chain, :at)")
          .param("id", id)
          .param("key", encryption.encrypt(pkcs8, aad(id)))
          .param("chain", chain, java.sql.Types.VARCHAR)
          .param("at", Timestamp.from(clock.instant()))
          .update();
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private Optional<ECPrivateKey> findKey(String id) {
    return jdbc.sql("SELECT private_key FROM platform_key WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> privateKey(id, rs.getBytes(1)))
        .optional();
  }

  private ECPrivateKey privateKey(String id, byte[] envelope) {
    byte[] pkcs8 = encryption.decrypt(envelope, aad(id));
    try {
      return (ECPrivateKey)
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored key " + id + " is unreadable", e);
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  Optional<SigningIdentity> find(String id) {
    return jdbc.sql("SELECT private_key, certificate_chain FROM platform_key WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> decode(id, rs.getBytes(1), rs.getString(2)))
        .optional();
  }

  private SigningIdentity decode(String id, byte[] envelope, String chainText) {
    ECPrivateKey key = privateKey(id, envelope);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (String b64 : chainText.split(",")) {
        chain.add(
            (X509Certificate)
                cf.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64))));
      }
      return new SigningIdentity(id, key, chain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored key " + id + " is unreadable", e);
    }
  }

  /**
   * After a key-encryption key rotation: re-wraps under the current KEK every private key still
   * wrapped under a previous one (the key material is not re-encrypted). Returns how many changed.
   */
  public int rewrapAll() {
    record Row(String id, byte[] envelope) {}
    int changed = 0;
    for (Row row :
        jdbc.sql("SELECT id, private_key FROM platform_key")
            .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2)))
            .list()) {
      byte[] rewrapped = encryption.rewrap(row.envelope(), aad(row.id()));
      if (rewrapped != row.envelope()) {
        changed +=
            jdbc.sql("UPDATE platform_key SET private_key = :key WHERE id = :id")
                .param("key", rewrapped)
                .param("id", row.id())
                .update();
      }
    }
    return changed;
  }

  private static byte[] aad(String id) {
    return ("platform_key:" + id).getBytes(StandardCharsets.UTF_8);
  }
}
