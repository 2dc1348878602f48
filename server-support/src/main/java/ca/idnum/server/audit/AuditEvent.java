package ca.idnum.server.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One security event for the append-only audit log.
 *
 * @param type what happened, a stable dotted name such as {@code login.success}, {@code
 *     authenticator.added}, {@code token.issued}, {@code proofing.failed}
 * @param at when it happened (from the application's {@link java.time.Clock})
 * @param citizen the internal citizen identifier concerned, or {@code null} (never a pairwise
 *     subject and never an e-mail address)
 * @param client the OAuth client or public body concerned, or {@code null}
 * @param details small non-secret facts (level, claim names, reason codes); never passwords, codes,
 *     tokens or claim values
 */
public record AuditEvent(
    String type, Instant at, String citizen, String client, Map<String, String> details) {

  public AuditEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    if (type.isBlank() || type.length() > 64) {
      throw new IllegalArgumentException("audit event type must be 1-64 characters");
    }
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
