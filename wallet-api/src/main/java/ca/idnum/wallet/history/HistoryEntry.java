package ca.idnum.wallet.history;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event of a citizen's history.
 *
 * @param id its identifier
 * @param at when it happened
 * @param event what happened
 * @param details small facts about it (names, never claim values)
 */
public record HistoryEntry(UUID id, Instant at, HistoryEvent event, Map<String, Object> details) {

  /** Validates. */
  public HistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    details = details == null ? Map.of() : details;
  }
}
