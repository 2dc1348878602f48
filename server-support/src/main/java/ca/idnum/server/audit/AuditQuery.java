package ca.idnum.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the audit log: every filter optional, newest first, one page at a time.
 *
 * @param page zero-based page number
 * @param size records per page (1–200)
 */
public record AuditQuery(
    Optional<String> citizen,
    Optional<String> client,
    Optional<String> type,
    Optional<Instant> from,
    Optional<Instant> to,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  public AuditQuery {
    citizen = citizen == null ? Optional.empty() : citizen;
    client = client == null ? Optional.empty() : client;
    type = type == null ? Optional.empty() : type;
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
    if (page < 0 || page > 1_000_000) {
      throw new IllegalArgumentException("page must be between 0 and 1000000");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException("from must not be after to");
    }
    check(citizen, "citizen", 64);
    check(client, "client", 100);
    check(type, "type", 64);
  }

  /** Every record, newest first. */
  public static AuditQuery all(int page, int size) {
    return new AuditQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        page,
        size);
  }

  private static void check(Optional<String> value, String name, int max) {
    if (value.isPresent() && (value.get().isBlank() || value.get().length() > max)) {
      throw new IllegalArgumentException(name + " must be 1-" + max + " characters");
    }
  }
}
