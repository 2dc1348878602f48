package ca.idnum.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StreamUtils;

/** The hash-chained audit log on one database; subclasses give H2 and PostgreSQL. */
abstract class JdbcAuditLogContract {

  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

  protected JdbcClient jdbc;
  protected JdbcAuditLog log;

  protected abstract DataSource dataSource();

  @BeforeEach
  void createSchema() throws Exception {
    DataSource ds = dataSource();
    jdbc = JdbcClient.create(ds);
    String ddl =
        StreamUtils.copyToString(
            new ClassPathResource("audit-schema.sql").getInputStream(), StandardCharsets.UTF_8);
    for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        jdbc.sql(statement).update();
      }
    }
    log =
        new JdbcAuditLog(
            new JdbcTemplate(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
  }

  private void recordFive() {
    for (int i = 0; i < 5; i++) {
      log.record(
          new AuditEvent(
              i % 2 == 0 ? "login.success" : "token.issued",
              T0.plusSeconds(i),
              "citizen-" + (i % 2),
              i % 2 == 0 ? null : "client-a",
              Map.of("level", "urn:idnum:loa:" + i, "claims", "email \"quoted\"\n")));
    }
  }

  @Test
  void whenRecordsAreAppendedThenTheyChainAndVerify() {
    recordFive();
    AuditPage page = log.search(AuditQuery.all(0, 10));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
    AuditRecord first = page.records().get(4);
    assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.at()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
    assertThat(first.details()).containsEntry("claims", "email \"quoted\"\n");
    assertThat(page.records().get(3).previousHash()).isEqualTo(first.hash());
    AuditVerification result = log.verify();
    assertThat(result.intact()).as(result.describe()).isTrue();
    assertThat(result.checked()).isEqualTo(5);
  }

  @Test
  void whenTheLogIsEmptyThenItVerifies() {
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void whenARecordIsModifiedThenVerificationNamesIt() {
    recordFive();
    jdbc.sql("UPDATE audit_log SET client_id = 'client-b' WHERE seq = 3").update();
    AuditVerification result = log.verify();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBroken()).hasValue(3);
    assertThat(result.describe()).contains("record 3").contains("modified");
  }

  @Test
  void whenDetailsAreModifiedThenVerificationNamesTheRecord() {
    recordFive();
    jdbc.sql("UPDATE audit_log SET details = '{\"level\":\"x\"}' WHERE seq = 2").update();
    assertThat(log.verify().firstBroken()).hasValue(2);
  }

  @Test
  void whenARecordIsModifiedAndRehashedThenTheNextRecordIsNamed() {
    recordFive();
    AuditRecord r = log.search(AuditQuery.all(0, 10)).records().get(2); // seq 3
    String forged =
        AuditChain.hash(
            3,
            r.type(),
            r.at(),
            r.citizen(),
            "client-b",
            AuditChain.detailsJson(r.details()),
            r.previousHash());
    jdbc.sql("UPDATE audit_log SET client_id = 'client-b', hash = ? WHERE seq = 3")
        .param(forged)
        .update();
    AuditVerification result = log.verify();
    assertThat(result.firstBroken()).hasValue(4);
  }

  @Test
  void whenARecordIsDeletedThenVerificationNamesTheGap() {
    recordFive();
    jdbc.sql("DELETE FROM audit_log WHERE seq = 2").update();
    AuditVerification result = log.verify();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBroken()).hasValue(2);
    assertThat(result.reason()).contains("missing");
  }

  @Test
  void whenTheLastRecordIsDeletedThenTheChainHeadDisagrees() {
    recordFive();
    jdbc.sql("DELETE FROM audit_log WHERE seq = 5").update();
    AuditVerification result = log.verify();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBroken()).hasValue(5);
  }

  @Test
  void whenARecordIsInsertedThenVerificationNamesIt() {
    recordFive();
    // shift records 3..5 up by one and insert a forged record at 3, hashed like a real one
    jdbc.sql("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3").update();
    jdbc.sql("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103").update();
    AuditRecord second =
        log.search(AuditQuery.all(0, 10)).records().stream()
            .filter(r -> r.seq() == 2)
            .findFirst()
            .orElseThrow();
    Instant at = T0.plusSeconds(30);
    String details = AuditChain.detailsJson(Map.of());
    String hash =
        AuditChain.hash(3, "consent.granted", at, "citizen-0", "client-x", details, second.hash());
    jdbc.sql(
            "INSERT INTO audit_log (seq, event_type, occurred_at, citizen_id, client_id, details,"
                + " prev_hash, hash) VALUES (3, 'consent.granted', ?, 'citizen-0', 'client-x', ?,"
                + " ?, ?)")
        .params(at.atOffset(java.time.ZoneOffset.UTC), details, second.hash(), hash)
        .update();
    AuditVerification result = log.verify();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBroken()).hasValue(4);
    assertThat(result.reason()).contains("previous hash");
  }

  @Test
  void whenRecordsAreAppendedConcurrentlyThenTheChainStaysLinear() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    log.record(
                        new AuditEvent("login.failure", T0, null, null, Map.of("t", "" + thread)));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    AuditVerification result = log.verify();
    assertThat(result.intact()).as(result.describe()).isTrue();
    assertThat(result.checked()).isEqualTo(40);
  }

  @Test
  void whenSearchingThenFiltersAndPagesApply() {
    recordFive();
    AuditPage byCitizen =
        log.search(
            new AuditQuery(
                Optional.of("citizen-0"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                2));
    assertThat(byCitizen.total()).isEqualTo(3);
    assertThat(byCitizen.records()).extracting(AuditRecord::seq).containsExactly(5L, 3L);
    AuditPage byClientAndType =
        log.search(
            new AuditQuery(
                Optional.empty(),
                Optional.of("client-a"),
                Optional.of("token.issued"),
                Optional.empty(),
                Optional.empty(),
                0,
                10));
    assertThat(byClientAndType.records()).extracting(AuditRecord::seq).containsExactly(4L, 2L);
    AuditPage byTime =
        log.search(
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuditChain.truncate(T0).plusSeconds(1)),
                Optional.of(AuditChain.truncate(T0).plusSeconds(3)),
                0,
                10));
    assertThat(byTime.records()).extracting(AuditRecord::seq).containsExactly(3L, 2L);
    AuditPage second = log.search(AuditQuery.all(1, 2));
    assertThat(second.records()).extracting(AuditRecord::seq).containsExactly(3L, 2L);
  }

  @Test
  void whenAQueryIsOutOfBoundsThenItIsRefused() {
    assertThatThrownBy(() -> AuditQuery.all(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditQuery.all(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuditQuery(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(T0),
                    Optional.of(T0.minusSeconds(1)),
                    0,
                    10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
