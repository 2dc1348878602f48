package ca.idnum.wallet.device;

import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.dpop.DpopProofVerifier;
import ca.idnum.wallet.history.History;
import ca.idnum.wallet.history.HistoryEvent;
import ca.idnum.wallet.storage.CitizenKeys;
import ca.idnum.wallet.storage.StorageError;
import ca.idnum.wallet.storage.StorageException;
import ca.idnum.wallet.storage.StorageProperties;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Devices of the wallet app and their holder keys. A device is identified by the DPoP key its
 * access tokens are bound to; its holder keys (RFC 7638 thumbprints) are the keys credentials are
 * bound to. Revoking a device makes its tokens and its holder keys unusable in this API.
 */
@Component
public final class Devices {

  private final JdbcClient jdbc;
  private final CitizenKeys keys;
  private final History history;
  private final StorageProperties properties;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final Clock clock;

  public Devices(
      JdbcClient jdbc,
      CitizenKeys keys,
      History history,
      StorageProperties properties,
      TransactionTemplate tx,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.keys = keys;
    this.history = history;
    this.properties = properties;
    this.tx = tx;
    this.clock = clock;
  }

  /** The state of the device whose DPoP key is {@code jkt}, if one is registered. */
  public Optional<HolderKeyOwner> byDpopKey(String jkt) {
    return jdbc.sql("SELECT id, citizen_id, revoked_at FROM wallet_device WHERE dpop_jkt = :j")
        .param("j", jkt)
        .query(
            (rs, n) ->
                new HolderKeyOwner(
                    rs.getString("citizen_id"),
                    rs.getObject("id", UUID.class),
                    rs.getTimestamp("revoked_at") != null))
        .optional();
  }

  /** Who registered the holder key {@code thumbprint}, if anyone. */
  public Optional<HolderKeyOwner> holderKey(String thumbprint) {
    return jdbc.sql(
            "SELECT k.citizen_id, k.device_id, d.revoked_at FROM wallet_holder_key k"
                + " JOIN wallet_device d ON d.id = k.device_id WHERE k.thumbprint = :t")
        .param("t", thumbprint)
        .query(
            (rs, n) ->
                new HolderKeyOwner(
                    rs.getString("citizen_id"),
                    rs.getObject("device_id", UUID.class),
                    rs.getTimestamp("revoked_at") != null))
        .optional();
  }

  /**
   * Registers the device whose DPoP key is {@code jkt} with {@code holderKeys} (thumbprints).
   *
   * @throws StorageException {@code device_already_registered}, {@code holder_key_in_use}, {@code
   *     quota_exceeded}
   */
  public Device register(String citizen, String jkt, String name, List<String> holderKeys) {
    if (holderKeys.size() > properties.maxHolderKeysPerDevice()) {
      throw quota("a device may register at most " + properties.maxHolderKeysPerDevice() + " keys");
    }
    SecretKey key = keys.dataKey(citizen);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    try {
      tx.executeWithoutResult(
          status -> {
            keys.lock(citizen);
            long active =
                jdbc.sql(
                        "SELECT COUNT(*) FROM wallet_device WHERE citizen_id = :c"
                            + " AND revoked_at IS NULL")
                    .param("c", citizen)
                    .query(Long.class)
                    .single();
            if (active >= properties.maxDevices()) {
              throw quota("at most " + properties.maxDevices() + " active devices");
            }
            if (byDpopKey(jkt).isPresent()) {
              throw new StorageException(new StorageError.DeviceAlreadyRegistered());
            }
            jdbc.sql(
                    "INSERT INTO wallet_device (id, citizen_id, dpop_jkt, name, registered_at)"
                        + " VALUES (:id, :c, :j, :n, :at)")
                .param("id", id)
                .param("c", citizen)
                .param("j", jkt)
                .param("n", sealName(key, citizen, id, name))
                .param("at", Timestamp.from(now))
                .update();
            insertHolderKeys(citizen, id, holderKeys, now);
            history.record(
                citizen,
                key,
                HistoryEvent.DEVICE_REGISTERED,
                Map.of("deviceId", id.toString(), "name", name, "holderKeys", holderKeys.size()));
          });
    } catch (DuplicateKeyException e) {
      throw new StorageException(new StorageError.DeviceAlreadyRegistered());
    }
    audit(citizen, "wallet.device.registered", id);
    return new Device(id, name, now, null, holderKeys, jkt);
  }

  private void audit(String citizen, String type, UUID deviceId) {
    audit.record(
        new AuditEvent(
            type,
            clock.instant(),
            null,
            null,
            Map.of(
                "wallet_subject_digest",
                DpopProofVerifier.sha256(citizen),
                "device_id",
                deviceId.toString())));
  }

  /** Adds holder keys to an active device of {@code citizen}. */
  public Device addHolderKeys(String citizen, UUID deviceId, List<String> holderKeys) {
    SecretKey key = keys.dataKey(citizen);
    Instant now = clock.instant();
    tx.executeWithoutResult(
        status -> {
          Device device = find(citizen, deviceId, key).orElseThrow(Devices::notFound);
          if (device.revoked()) {
            throw notFound();
          }
          if (device.holderKeys().size() + holderKeys.size()
              > properties.maxHolderKeysPerDevice()) {
            throw quota(
                "a device may register at most " + properties.maxHolderKeysPerDevice() + " keys");
          }
          insertHolderKeys(citizen, deviceId, holderKeys, now);
          history.record(
              citizen,
              key,
              HistoryEvent.HOLDER_KEYS_ADDED,
              Map.of("deviceId", deviceId.toString(), "holderKeys", holderKeys.size()));
        });
    return find(citizen, deviceId, key).orElseThrow(Devices::notFound);
  }

  /** The citizen's devices, oldest first. */
  public List<Device> list(String citizen) {
    Optional<SecretKey> key = keys.existingDataKey(citizen);
    if (key.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<String>> holderKeys = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT device_id, thumbprint FROM wallet_holder_key WHERE citizen_id = :c"
                + " ORDER BY registered_at, thumbprint")
        .param("c", citizen)
        .query(
            (rs, n) ->
                holderKeys
                    .computeIfAbsent(rs.getObject("device_id", UUID.class), k -> new ArrayList<>())
                    .add(rs.getString("thumbprint")))
        .list();
    return jdbc.sql(
            "SELECT id, name, registered_at, revoked_at, dpop_jkt FROM wallet_device"
                + " WHERE citizen_id = :c ORDER BY registered_at, id")
        .param("c", citizen)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              Timestamp revoked = rs.getTimestamp("revoked_at");
              return new Device(
                  id,
                  openName(key.get(), citizen, id, rs.getBytes("name")),
                  rs.getTimestamp("registered_at").toInstant(),
                  revoked == null ? null : revoked.toInstant(),
                  holderKeys.getOrDefault(id, List.of()),
                  rs.getString("dpop_jkt"));
            })
        .list();
  }

  /** Revokes a device of {@code citizen}; revoking a revoked device changes nothing. */
  public void revoke(String citizen, UUID deviceId) {
    SecretKey key = keys.existingDataKey(citizen).orElseThrow(Devices::notFound);
    tx.executeWithoutResult(
        status -> {
          int found =
              jdbc.sql("SELECT COUNT(*) FROM wallet_device WHERE id = :id AND citizen_id = :c")
                  .param("id", deviceId)
                  .param("c", citizen)
                  .query(Integer.class)
                  .single();
          if (found == 0) {
            throw notFound();
          }
          int changed =
              jdbc.sql(
                      "UPDATE wallet_device SET revoked_at = :at WHERE id = :id AND citizen_id = :c"
                          + " AND revoked_at IS NULL")
                  .param("at", Timestamp.from(clock.instant()))
                  .param("id", deviceId)
                  .param("c", citizen)
                  .update();
          if (changed > 0) {
            history.record(
                citizen, key, HistoryEvent.DEVICE_REVOKED, Map.of("deviceId", deviceId.toString()));
          }
        });
    audit(citizen, "wallet.device.revoked", deviceId);
  }

  /** Deletes every device and holder key of {@code citizen} (erasure). */
  public void erase(String citizen) {
    jdbc.sql("DELETE FROM wallet_holder_key WHERE citizen_id = :c").param("c", citizen).update();
    jdbc.sql("DELETE FROM wallet_device WHERE citizen_id = :c").param("c", citizen).update();
  }

  private Optional<Device> find(String citizen, UUID deviceId, SecretKey key) {
    return list(citizen).stream().filter(d -> d.id().equals(deviceId)).findFirst();
  }

  private void insertHolderKeys(
      String citizen, UUID deviceId, List<String> thumbprints, Instant at) {
    for (String t : thumbprints) {
      if (holderKey(t).isPresent()) {
        throw new StorageException(new StorageError.HolderKeyInUse());
      }
      try {
        jdbc.sql(
                "INSERT INTO wallet_holder_key (thumbprint, device_id, citizen_id, registered_at)"
                    + " VALUES (:t, :d, :c, :at)")
            .param("t", t)
            .param("d", deviceId)
            .param("c", citizen)
            .param("at", Timestamp.from(at))
            .update();
      } catch (DuplicateKeyException e) {
        throw new StorageException(new StorageError.HolderKeyInUse());
      }
    }
  }

  private static byte[] sealName(SecretKey key, String citizen, UUID id, String name) {
    return CitizenKeys.seal(key, citizen, "device:" + id, name.getBytes(StandardCharsets.UTF_8));
  }

  private static String openName(SecretKey key, String citizen, UUID id, byte[] sealed) {
    return new String(
        CitizenKeys.open(key, citizen, "device:" + id, sealed), StandardCharsets.UTF_8);
  }

  private static StorageException quota(String description) {
    return new StorageException(new StorageError.QuotaExceeded(description));
  }

  private static StorageException notFound() {
    return new StorageException(new StorageError.NotFound("no such device in this wallet"));
  }
}
