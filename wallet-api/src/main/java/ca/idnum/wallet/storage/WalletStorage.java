package ca.idnum.wallet.storage;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.dpop.DpopProofVerifier;
import ca.idnum.wallet.device.Device;
import ca.idnum.wallet.device.Devices;
import ca.idnum.wallet.device.HolderKeyOwner;
import ca.idnum.wallet.history.History;
import ca.idnum.wallet.history.HistoryEntry;
import ca.idnum.wallet.history.HistoryEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The citizen's stored credentials: store (within the quota and size limit, bound to a holder key
 * of one of the citizen's active devices), list (metadata only), get, delete, export everything,
 * erase everything (data and key). Contents and metadata are encrypted under the citizen's data
 * key; every change is recorded in the citizen's history and the audit log.
 */
@Component
public final class WalletStorage {

  private final JdbcClient jdbc;
  private final CitizenKeys keys;
  private final Devices devices;
  private final History history;
  private final StorageProperties properties;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final Clock clock;

  public WalletStorage(
      JdbcClient jdbc,
      CitizenKeys keys,
      Devices devices,
      History history,
      StorageProperties properties,
      TransactionTemplate tx,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.devices = devices;
    this.history = history;
    this.properties = properties;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Stores {@code credential} for the caller.
   *
   * @throws StorageException {@code credential_too_large}, {@code invalid_credential}, {@code
   *     holder_key_not_registered}, {@code holder_key_revoked}, {@code quota_exceeded}
   */
  public StoredCredential store(WalletCaller caller, String credential) {
    byte[] content = credential.getBytes(StandardCharsets.UTF_8);
    if (content.length > properties.maxCredentialBytes()) {
      throw new StorageException(
          new StorageError.CredentialTooLarge(properties.maxCredentialBytes()));
    }
    CredentialMetadata metadata = CredentialMetadata.ofSdJwtVc(credential);
    HolderKeyOwner owner =
        devices
            .holderKey(metadata.holderKeyThumbprint())
            .filter(o -> o.citizen().equals(caller.citizen()))
            .orElseThrow(() -> new StorageException(new StorageError.HolderKeyNotRegistered()));
    if (owner.revoked()) {
      throw new StorageException(new StorageError.HolderKeyRevoked());
    }
    String citizen = caller.citizen();
    SecretKey key = keys.dataKey(citizen);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    byte[] sealedMetadata =
        CitizenKeys.seal(
            key,
            citizen,
            "credential-metadata:" + id,
            JSONObjectUtils.toJSONString(metadata.toMap()).getBytes(StandardCharsets.UTF_8));
    byte[] sealedContent = CitizenKeys.seal(key, citizen, "credential:" + id, content);
    tx.executeWithoutResult(
        status -> {
          keys.lock(citizen);
          long count =
              jdbc.sql("SELECT COUNT(*) FROM wallet_credential WHERE citizen_id = :c")
                  .param("c", citizen)
                  .query(Long.class)
                  .single();
          if (count >= properties.maxCredentials()) {
            throw new StorageException(
                new StorageError.QuotaExceeded(
                    "a wallet holds at most " + properties.maxCredentials() + " credentials"));
          }
          jdbc.sql(
                  "INSERT INTO wallet_credential (id, citizen_id, stored_at, size_bytes,"
                      + " holder_key_thumbprint, metadata, content)"
                      + " VALUES (:id, :c, :at, :size, :hk, :m, :content)")
              .param("id", id)
              .param("c", citizen)
              .param("at", Timestamp.from(now))
              .param("size", content.length)
              .param("hk", metadata.holderKeyThumbprint())
              .param("m", sealedMetadata)
              .param("content", sealedContent)
              .update();
          history.record(citizen, key, HistoryEvent.CREDENTIAL_STORED, summary(id, metadata));
        });
    audit(caller, "wallet.credential.stored");
    return new StoredCredential(id, now, content.length, metadata);
  }

  /** The caller's credentials (metadata only), oldest first. */
  public List<StoredCredential> list(WalletCaller caller) {
    String citizen = caller.citizen();
    Optional<SecretKey> key = keys.existingDataKey(citizen);
    if (key.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT id, stored_at, size_bytes, metadata FROM wallet_credential"
                + " WHERE citizen_id = :c ORDER BY stored_at, id")
        .param("c", citizen)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              return new StoredCredential(
                  id,
                  rs.getTimestamp("stored_at").toInstant(),
                  rs.getInt("size_bytes"),
                  openMetadata(key.get(), citizen, id, rs.getBytes("metadata")));
            })
        .list();
  }

  /**
   * One credential of the caller with its content.
   *
   * @throws StorageException {@code not_found} (also for another citizen's credential)
   */
  public Map.Entry<StoredCredential, String> get(WalletCaller caller, UUID id) {
    String citizen = caller.citizen();
    SecretKey key = keys.existingDataKey(citizen).orElseThrow(WalletStorage::notFound);
    return jdbc.sql(
            "SELECT stored_at, size_bytes, metadata, content FROM wallet_credential"
                + " WHERE citizen_id = :c AND id = :id")
        .param("c", citizen)
        .param("id", id)
        .query(
            (rs, n) ->
                Map.entry(
                    new StoredCredential(
                        id,
                        rs.getTimestamp("stored_at").toInstant(),
                        rs.getInt("size_bytes"),
                        openMetadata(key, citizen, id, rs.getBytes("metadata"))),
                    new String(
                        CitizenKeys.open(key, citizen, "credential:" + id, rs.getBytes("content")),
                        StandardCharsets.UTF_8)))
        .optional()
        .orElseThrow(WalletStorage::notFound);
  }

  /**
   * Deletes one credential of the caller.
   *
   * @throws StorageException {@code not_found} (also for another citizen's credential)
   */
  public void delete(WalletCaller caller, UUID id) {
    String citizen = caller.citizen();
    SecretKey key = keys.existingDataKey(citizen).orElseThrow(WalletStorage::notFound);
    tx.executeWithoutResult(
        status -> {
          StoredCredential c =
              jdbc.sql(
                      "SELECT stored_at, size_bytes, metadata FROM wallet_credential"
                          + " WHERE citizen_id = :c AND id = :id FOR UPDATE")
                  .param("c", citizen)
                  .param("id", id)
                  .query(
                      (rs, n) ->
                          new StoredCredential(
                              id,
                              rs.getTimestamp("stored_at").toInstant(),
                              rs.getInt("size_bytes"),
                              openMetadata(key, citizen, id, rs.getBytes("metadata"))))
                  .optional()
                  .orElseThrow(WalletStorage::notFound);
          jdbc.sql("DELETE FROM wallet_credential WHERE citizen_id = :c AND id = :id")
              .param("c", citizen)
              .param("id", id)
              .update();
          history.record(citizen, key, HistoryEvent.CREDENTIAL_DELETED, summary(id, c.metadata()));
        });
    audit(caller, "wallet.credential.deleted");
  }

  /**
   * Everything the wallet API holds about the caller (portability): credentials with their content,
   * devices, history. The export is recorded in the history.
   */
  public Map<String, Object> export(WalletCaller caller) {
    String citizen = caller.citizen();
    Instant now = clock.instant();
    SecretKey key = keys.dataKey(citizen);
    history.record(citizen, key, HistoryEvent.EXPORTED, Map.of());
    List<Map<String, Object>> credentials = new ArrayList<>();
    for (StoredCredential c : list(caller)) {
      Map<String, Object> m = c.toJson(now);
      m.put("credential", get(caller, c.id()).getValue());
      credentials.add(m);
    }
    List<Map<String, Object>> deviceList = new ArrayList<>();
    for (Device d : devices.list(citizen)) {
      deviceList.add(deviceJson(d, caller.jkt()));
    }
    List<Map<String, Object>> events = new ArrayList<>();
    for (HistoryEntry e : history.list(citizen, Integer.MAX_VALUE)) {
      events.add(historyJson(e));
    }
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("exportedAt", now.getEpochSecond());
    export.put("subject", citizen);
    export.put("credentials", credentials);
    export.put("devices", deviceList);
    export.put("history", events);
    audit(caller, "wallet.exported");
    return export;
  }

  /**
   * Erases everything the wallet API holds about the caller: credentials, devices, holder keys,
   * history and the citizen's data key. One history event (without details) records the erasure.
   */
  public void erase(WalletCaller caller) {
    String citizen = caller.citizen();
    tx.executeWithoutResult(
        status -> {
          keys.lock(citizen);
          jdbc.sql("DELETE FROM wallet_credential WHERE citizen_id = :c")
              .param("c", citizen)
              .update();
          devices.erase(citizen);
          history.erase(citizen);
          keys.erase(citizen);
          history.record(citizen, null, HistoryEvent.ERASED, Map.of());
        });
    audit(caller, "wallet.erased");
  }

  /** The JSON shape of a device. */
  public static Map<String, Object> deviceJson(Device d, String callerJkt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id().toString());
    m.put("name", d.name());
    m.put("registeredAt", d.registeredAt().getEpochSecond());
    if (d.revokedAt() != null) {
      m.put("revokedAt", d.revokedAt().getEpochSecond());
    }
    m.put("status", d.revoked() ? "revoked" : "active");
    m.put("current", d.dpopJkt() != null && d.dpopJkt().equals(callerJkt));
    m.put("holderKeys", d.holderKeys());
    return m;
  }

  /** The JSON shape of a history event. */
  public static Map<String, Object> historyJson(HistoryEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id().toString());
    m.put("at", e.at().getEpochSecond());
    m.put("event", e.event().name().toLowerCase(java.util.Locale.ROOT));
    m.put("details", e.details());
    return m;
  }

  private static Map<String, Object> summary(UUID id, CredentialMetadata m) {
    return Map.of("credentialId", id.toString(), "vct", m.vct(), "issuer", m.issuer());
  }

  private static CredentialMetadata openMetadata(
      SecretKey key, String citizen, UUID id, byte[] sealed) {
    try {
      return CredentialMetadata.fromMap(
          JsonObjects.parse(
              new String(
                  CitizenKeys.open(key, citizen, "credential-metadata:" + id, sealed),
                  StandardCharsets.UTF_8)));
    } catch (ParseException e) {
      throw new IllegalStateException("stored metadata is not JSON");
    }
  }

  private void audit(WalletCaller caller, String type) {
    audit.record(
        new AuditEvent(
            type,
            clock.instant(),
            null,
            caller.clientId(),
            Map.of("wallet_subject_digest", DpopProofVerifier.sha256(caller.citizen()))));
  }

  private static StorageException notFound() {
    return new StorageException(new StorageError.NotFound("no such credential in this wallet"));
  }
}
