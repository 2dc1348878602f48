package ca.idnum.wallet.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A credential in a citizen's wallet, as listed.
 *
 * @param id its identifier in this wallet
 * @param storedAt when it was stored
 * @param sizeBytes the size of its serialization
 * @param metadata its metadata
 */
public record StoredCredential(
    UUID id, Instant storedAt, int sizeBytes, CredentialMetadata metadata) {

  /** Validates. */
  public StoredCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * The status as far as the wallet API can tell without fetching the status list: {@code expired},
   * {@code not_yet_valid} or {@code valid}; the app checks the status list itself.
   */
  public String status(Instant now) {
    if (metadata.expiresAt() != null && !now.isBefore(metadata.expiresAt())) {
      return "expired";
    }
    if (metadata.issuedAt() != null && now.isBefore(metadata.issuedAt().minusSeconds(60))) {
      return "not_yet_valid";
    }
    return "valid";
  }

  /** The JSON shape of a list entry. */
  public Map<String, Object> toJson(Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id.toString());
    m.putAll(metadata.toMap());
    m.put("storedAt", storedAt.getEpochSecond());
    m.put("sizeBytes", sizeBytes);
    m.put("status", status(now));
    return m;
  }
}
