package ca.idnum.server.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored audit record: the event, its place in the chain and its hashes.
 *
 * @param seq position in the chain (1, 2, 3, … without gaps)
 * @param previousHash hash of record {@code seq - 1} ({@link AuditChain#GENESIS} for the first)
 * @param hash SHA-256 (hex) of this record's canonical content ({@link AuditChain})
 */
public record AuditRecord(
    long seq,
    String type,
    Instant at,
    String citizen,
    String client,
    Map<String, String> details,
    String previousHash,
    String hash) {

  public AuditRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
