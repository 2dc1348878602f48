package ca.idnum.auth.oidc.keys;

import ca.idnum.server.crypto.EnvelopeEncryption;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named server secrets (pairwise pepper, DPoP nonce key), created at first use, stored encrypted
 * under the key-encryption key in {@code oidc_secret}, and shared by every node.
 */
@Component
public class ServerSecrets {

  private final JdbcClient jdbc;
  private final EnvelopeEncryption encryption;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

  public ServerSecrets(JdbcClient jdbc, EnvelopeEncryption encryption, Clock oidcClock) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.clock = oidcClock;
  }

  /** The 32-byte secret named {@code name}, created on first use. */
  public byte[] get(String name) {
    return cache.computeIfAbsent(name, this::loadOrCreate).clone();
  }

  private byte[] loadOrCreate(String name) {
    Optional<byte[]> existing = load(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String encrypted = Base64.getEncoder().encodeToString(encryption.encrypt(secret, aad(name)));
    try {
      jdbc.sql("INSERT INTO oidc_secret (name, value_enc, created_at) VALUES (?, ?, ?)")
          .params(name, encrypted, clock.instant().atOffset(java.time.ZoneOffset.UTC))
          .update();
      return secret;
    } catch (DuplicateKeyException raced) {
      return load(name).orElseThrow();
    }
  }

  private Optional<byte[]> load(String name) {
    return jdbc.sql("SELECT value_enc FROM oidc_secret WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional()
        .map(encrypted -> encryption.decrypt(Base64.getDecoder().decode(encrypted), aad(name)));
  }

  private static byte[] aad(String name) {
    return ("oidc_secret:" + name).getBytes(StandardCharsets.UTF_8);
  }
}
