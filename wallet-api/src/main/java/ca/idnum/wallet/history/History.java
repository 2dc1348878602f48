package ca.idnum.wallet.history;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.wallet.storage.CitizenKeys;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Citizens' histories: the event type and time in clear (for ordering and retention), the details
 * encrypted under the citizen's data key.
 */
@Component
public final class History {

  private final JdbcClient jdbc;
  private final CitizenKeys keys;
  private final Clock clock;

  public History(JdbcClient jdbc, CitizenKeys keys, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
  }

  /** Records {@code event} now. */
  public void record(
      String citizen, SecretKey key, HistoryEvent event, Map<String, Object> details) {
    record(citizen, key, event, details, clock.instant());
  }

  /** Records {@code event} at {@code at}. */
  public void record(
      String citizen, SecretKey key, HistoryEvent event, Map<String, Object> details, Instant at) {
    UUID id = UUID.randomUUID();
    byte[] sealed =
        key == null
            ? null
            : CitizenKeys.seal(
                key,
                citizen,
                "history:" + id,
                JSONObjectUtils.toJSONString(details).getBytes(StandardCharsets.UTF_8));
    jdbc.sql(
            "INSERT INTO wallet_history (id, citizen_id, at, event, details)"
                + " VALUES (:id, :c, :at, :e, :d)")
        .param("id", id)
        .param("c", citizen)
        .param("at", Timestamp.from(at))
        .param("e", event.name())
        .param("d", sealed)
        .update();
  }

  /** The newest {@code limit} events, newest first. */
  public List<HistoryEntry> list(String citizen, int limit) {
    Optional<SecretKey> key = keys.existingDataKey(citizen);
    return jdbc.sql(
            "SELECT id, at, event, details FROM wallet_history WHERE citizen_id = :c"
                + " ORDER BY at DESC, id LIMIT :n")
        .param("c", citizen)
        .param("n", limit)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject("id", UUID.class);
              byte[] sealed = rs.getBytes("details");
              Map<String, Object> details = Map.of();
              if (sealed != null && key.isPresent()) {
                details = parse(CitizenKeys.open(key.get(), citizen, "history:" + id, sealed));
              }
              return new HistoryEntry(
                  id,
                  rs.getTimestamp("at").toInstant(),
                  HistoryEvent.valueOf(rs.getString("event")),
                  details);
            })
        .list();
  }

  /** Deletes the citizen's whole history. */
  public void erase(String citizen) {
    jdbc.sql("DELETE FROM wallet_history WHERE citizen_id = :c").param("c", citizen).update();
  }

  private static Map<String, Object> parse(byte[] json) {
    try {
      return JsonObjects.parse(new String(json, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IllegalStateException("history details are not JSON");
    }
  }
}
