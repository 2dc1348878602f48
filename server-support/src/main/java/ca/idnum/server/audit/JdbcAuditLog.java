package ca.idnum.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable audit log: an append-only, hash-chained table ({@code audit_log}) with its chain head
 * ({@code audit_chain_head}), same SQL on PostgreSQL and H2.
 *
 * <p>One writer order across every node: appending locks the single chain-head row ({@code SELECT
 * ... FOR UPDATE}), so records get consecutive sequence numbers and each carries the hash of the
 * one before it ({@link AuditChain}). Concurrent callers of one node share a transaction (group
 * commit: one chain-head lock and one commit per batch), and each returns once its own record is
 * committed. Each event is also written as one structured log line on the {@code idnum.audit}
 * logger (key-value pairs, picked up by the JSON log format).
 *
 * <p>The application's database user needs only {@code INSERT} and {@code SELECT} on {@code
 * audit_log} and {@code UPDATE} on {@code audit_chain_head}; nothing here updates or deletes a
 * record.
 */
public final class JdbcAuditLog implements AuditLog, AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger("idnum.audit");
  private static final int VERIFY_BATCH = 1000;
  private static final String COLUMNS =
      "seq, event_type, occurred_at, citizen_id, client_id, details, prev_hash, hash";

  private static final int MAX_BATCH = 128;
  private static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcOperations operations;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  public JdbcAuditLog(JdbcOperations jdbc, TransactionTemplate transactions) {
    this.operations = Objects.requireNonNull(jdbc, "jdbc");
    this.jdbc = JdbcClient.create(jdbc);
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public void record(AuditEvent event) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // inside the caller's transaction: the record commits (or rolls back) with it
      LoggingAuditLog.log(event, append(List.of(event)).get(0));
      return;
    }
    Pending mine = new Pending(event, new CompletableFuture<>());
    pending.add(mine);
    writer.lock();
    try {
      if (!mine.stored().isDone()) {
        flush();
      }
    } finally {
      writer.unlock();
    }
    AuditRecord stored;
    try {
      stored = mine.stored().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    LoggingAuditLog.log(event, stored);
  }

  /**
   * Group commit: the thread holding the writer lock appends every event queued so far in one
   * transaction (one chain-head lock and one commit for the batch), then hands each waiting caller
   * its record, or the failure. Under load, concurrent token grants share a commit instead of
   * queueing one by one on the chain-head row; each caller still returns only once its record is
   * committed.
   */
  private void flush() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p; batch.size() < MAX_BATCH && (p = pending.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<AuditRecord> stored = append(batch.stream().map(Pending::event).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).stored().complete(stored.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(p -> p.stored().completeExceptionally(e));
    }
  }

  /** Appends {@code events} in order, in one transaction, under the chain-head lock. */
  private List<AuditRecord> append(List<AuditEvent> events) {
    return transactions.execute(
        status -> {
          Head head =
              jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                  .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                  .single();
          long seq = head.seq();
          String previous = head.hash();
          List<AuditRecord> records = new ArrayList<>(events.size());
          List<Object[]> rows = new ArrayList<>(events.size());
          for (AuditEvent event : events) {
            Instant at = AuditChain.truncate(event.at());
            String details = AuditChain.detailsJson(event.details());
            seq++;
            String hash =
                AuditChain.hash(
                    seq, event.type(), at, event.citizen(), event.client(), details, previous);
            rows.add(
                new Object[] {
                  seq,
                  event.type(),
                  at.atOffset(ZoneOffset.UTC),
                  event.citizen(),
                  event.client(),
                  details,
                  previous,
                  hash
                });
            records.add(
                new AuditRecord(
                    seq,
                    event.type(),
                    at,
                    event.citizen(),
                    event.client(),
                    event.details(),
                    previous,
                    hash));
            previous = hash;
          }
          // one JDBC batch of a single fixed statement: one round trip, and the statement text
          // never changes with the batch size (a database caches it once)
          operations.batchUpdate(INSERT, rows);
          jdbc.sql("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")
              .params(seq, previous)
              .update();
          return records;
        });
  }

  @Override
  public AuditPage search(AuditQuery query) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    query.citizen().ifPresent(v -> add(where, params, " AND citizen_id = ?", v));
    query.client().ifPresent(v -> add(where, params, " AND client_id = ?", v));
    query.type().ifPresent(v -> add(where, params, " AND event_type = ?", v));
    query
        .from()
        .ifPresent(v -> add(where, params, " AND occurred_at >= ?", v.atOffset(ZoneOffset.UTC)));
    query
        .to()
        .ifPresent(v -> add(where, params, " AND occurred_at < ?", v.atOffset(ZoneOffset.UTC)));
    long total =
        jdbc.sql("SELECT COUNT(*) FROM audit_log" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(query.size());
    pageParams.add((long) query.page() * query.size());
    List<AuditRecord> records =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM audit_log"
                    + where
                    + " ORDER BY seq DESC LIMIT ? OFFSET ?")
            .params(pageParams)
            .query(JdbcAuditLog::row)
            .list();
    return new AuditPage(records, query.page(), query.size(), total);
  }

  /**
   * Walks the whole chain in sequence order and names the first record that does not fit: a changed
   * record (its hash no longer matches its content), a missing one (a gap in the sequence, or the
   * next record's previous hash pointing elsewhere), an inserted one (its previous hash or sequence
   * does not follow), or a chain head that disagrees with the last record (records removed from the
   * end).
   */
  @Override
  public AuditVerification verify() {
    long expectedSeq = 1;
    String previous = AuditChain.GENESIS;
    long checked = 0;
    while (true) {
      List<AuditRecord> batch =
          jdbc.sql(
                  "SELECT "
                      + COLUMNS
                      + " FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT "
                      + VERIFY_BATCH)
              .param(expectedSeq)
              .query(JdbcAuditLog::row)
              .list();
      for (AuditRecord r : batch) {
        checked++;
        if (r.seq() != expectedSeq) {
          return AuditVerification.broken(
              checked, expectedSeq, "record missing (next record found is " + r.seq() + ")");
        }
        if (!r.previousHash().equals(previous)) {
          return AuditVerification.broken(
              checked, r.seq(), "previous hash does not match the record before it");
        }
        String recomputed =
            AuditChain.hash(
                r.seq(),
                r.type(),
                r.at(),
                r.citizen(),
                r.client(),
                AuditChain.detailsJson(r.details()),
                r.previousHash());
        if (!recomputed.equals(r.hash())) {
          return AuditVerification.broken(
              checked, r.seq(), "content does not match its hash (record modified)");
        }
        previous = r.hash();
        expectedSeq++;
      }
      if (batch.size() < VERIFY_BATCH) {
        break;
      }
    }
    long last = expectedSeq - 1;
    String tail = previous;
    Head head =
        jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    if (head.seq() != last) {
      return AuditVerification.broken(
          checked,
          Math.min(head.seq(), last) + 1,
          "chain head is at record " + head.seq() + " but the last record is " + last);
    }
    if (!head.hash().equals(tail)) {
      return AuditVerification.broken(
          checked, Math.max(last, 1), "chain head hash does not match the last record");
    }
    return AuditVerification.ok(checked);
  }

  private static void add(StringBuilder where, List<Object> params, String clause, Object value) {
    where.append(clause);
    params.add(value);
  }

  private static AuditRecord row(ResultSet rs, int n) throws SQLException {
    Map<String, String> details;
    try {
      details = AuditChain.parseDetails(rs.getString("details"));
    } catch (IllegalArgumentException e) {
      // unreadable details cannot hash to the stored value: the verifier reports the record
      details = Map.of("_unreadable", rs.getString("details"));
    }
    return new AuditRecord(
        rs.getLong("seq"),
        rs.getString("event_type"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("citizen_id"),
        rs.getString("client_id"),
        details,
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  private record Head(long seq, String hash) {}

  private record Pending(AuditEvent event, CompletableFuture<AuditRecord> stored) {}
}
