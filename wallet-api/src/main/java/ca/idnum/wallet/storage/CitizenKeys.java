package ca.idnum.wallet.storage;

import ca.idnum.server.crypto.KeyEncryptionKeys;
import ca.idnum.server.crypto.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each citizen's data-encryption key (AES-256), stored wrapped under the current key-encryption key
 * (KEK) with that KEK's id, and what is encrypted under it: every value is sealed with AES-256-GCM
 * and bound to the citizen and to its place ({@code context}), so that a ciphertext copied to
 * another row or another citizen does not decrypt. Erasing a citizen's key makes whatever might
 * remain of their data (backups) unreadable.
 */
@Component
public final class CitizenKeys {

  private static final Logger log = LoggerFactory.getLogger(CitizenKeys.class);

  private final JdbcClient jdbc;
  private final KeyEncryptionKeys keks;
  private final Clock clock;

  public CitizenKeys(JdbcClient jdbc, KeyEncryptionKeys keks, Clock clock) {
    this.jdbc = jdbc;
    this.keks = keks;
    this.clock = clock;
  }

  /** The citizen's data key, created at first use. */
  public SecretKey dataKey(String citizen) {
    Optional<SecretKey> existing = existingDataKey(citizen);
    if (existing.isPresent()) {
      return existing.get();
    }
    SecretKey key = keks.newDataKey();
    WrappedKey wrapped = keks.wrap(key, wrapContext(citizen));
    try {
      jdbc.sql(
              "INSERT INTO wallet_citizen_key (citizen_id, kek_id, wrapped_key, created_at)"
                  + " VALUES (:c, :kek, :w, :at)")
          .param("c", citizen)
          .param("kek", wrapped.kekId())
          .param("w", wrapped.wrapped())
          .param("at", Timestamp.from(clock.instant()))
          .update();
      return key;
    } catch (DuplicateKeyException raced) {
      return existingDataKey(citizen).orElseThrow();
    }
  }

  /** The citizen's data key if they have one. */
  public Optional<SecretKey> existingDataKey(String citizen) {
    return jdbc.sql("SELECT kek_id, wrapped_key FROM wallet_citizen_key WHERE citizen_id = :c")
        .param("c", citizen)
        .query((rs, n) -> new WrappedKey(rs.getString("kek_id"), rs.getBytes("wrapped_key")))
        .optional()
        .map(w -> keks.unwrap(w, wrapContext(citizen)));
  }

  /**
   * Locks the citizen's key row until the end of the current transaction (serializes quota checks
   * of one citizen across nodes).
   */
  public void lock(String citizen) {
    jdbc.sql("SELECT citizen_id FROM wallet_citizen_key WHERE citizen_id = :c FOR UPDATE")
        .param("c", citizen)
        .query(String.class)
        .optional();
  }

  /** Encrypts {@code plaintext} for {@code citizen}, bound to {@code context}. */
  public static byte[] seal(SecretKey key, String citizen, String context, byte[] plaintext) {
    return KeyEncryptionKeys.AesGcm.encrypt(key, plaintext, dataContext(citizen, context));
  }

  /** Decrypts what {@link #seal} made for the same citizen and context. */
  public static byte[] open(SecretKey key, String citizen, String context, byte[] sealed) {
    return KeyEncryptionKeys.AesGcm.decrypt(key, sealed, dataContext(citizen, context));
  }

  /** Deletes the citizen's key: what was encrypted under it can no longer be read. */
  public void erase(String citizen) {
    jdbc.sql("DELETE FROM wallet_citizen_key WHERE citizen_id = :c").param("c", citizen).update();
  }

  /** How many data keys are still wrapped under a key-encryption key other than the current one. */
  public long pendingRewrap() {
    return jdbc.sql("SELECT COUNT(*) FROM wallet_citizen_key WHERE kek_id <> :kek")
        .param("kek", keks.currentId())
        .query(Long.class)
        .single();
  }

  /**
   * Re-wraps, in batches of {@code batchSize}, every data key wrapped under a previous KEK: each
   * key is unwrapped and wrapped again under the current KEK (the data it protects is untouched).
   * Safe to run on several nodes at once (an update applies only if the row is still under the old
   * KEK). Keys whose KEK is no longer configured are skipped and logged.
   *
   * @return the number of keys re-wrapped
   */
  public int rewrapAll(int batchSize) {
    int done = 0;
    Set<String> failed = new HashSet<>();
    while (true) {
      record Row(String citizen, WrappedKey key) {}
      List<Row> batch =
          jdbc
              .sql(
                  "SELECT citizen_id, kek_id, wrapped_key FROM wallet_citizen_key"
                      + " WHERE kek_id <> :kek ORDER BY citizen_id LIMIT :n")
              .param("kek", keks.currentId())
              .param("n", batchSize + failed.size())
              .query(
                  (rs, n) ->
                      new Row(
                          rs.getString("citizen_id"),
                          new WrappedKey(rs.getString("kek_id"), rs.getBytes("wrapped_key"))))
              .list()
              .stream()
              .filter(r -> !failed.contains(r.citizen()))
              .toList();
      if (batch.isEmpty()) {
        return done;
      }
      for (Row row : batch) {
        try {
          WrappedKey rewrapped = keks.rewrap(row.key(), wrapContext(row.citizen()));
          done +=
              jdbc.sql(
                      "UPDATE wallet_citizen_key SET kek_id = :kek, wrapped_key = :w,"
                          + " rewrapped_at = :at WHERE citizen_id = :c AND kek_id = :old")
                  .param("kek", rewrapped.kekId())
                  .param("w", rewrapped.wrapped())
                  .param("at", Timestamp.from(clock.instant()))
                  .param("c", row.citizen())
                  .param("old", row.key().kekId())
                  .update();
        } catch (RuntimeException e) {
          failed.add(row.citizen());
          log.error(
              "wallet storage: a data key wrapped under key-encryption key '{}' cannot be"
                  + " re-wrapped ({})",
              row.key().kekId(),
              e.getClass().getSimpleName());
        }
      }
    }
  }

  private static byte[] wrapContext(String citizen) {
    return ("idnum-wallet-dek|" + citizen).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] dataContext(String citizen, String context) {
    return ("idnum-wallet|" + citizen + "|" + context).getBytes(StandardCharsets.UTF_8);
  }
}
