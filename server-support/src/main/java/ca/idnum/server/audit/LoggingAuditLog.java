package ca.idnum.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes audit events to the {@code idnum.audit} logger as structured key-value pairs (the JSON log
 * formats show them as fields); the default where no durable log is configured, and the log line
 * {@link JdbcAuditLog} writes beside each stored record.
 */
public final class LoggingAuditLog implements AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger("idnum.audit");

  @Override
  public void record(AuditEvent event) {
    log(event, null);
  }

  static void log(AuditEvent event, AuditRecord stored) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder line =
        LOG.atInfo()
            .addKeyValue("audit.type", event.type())
            .addKeyValue("audit.citizen", event.citizen())
            .addKeyValue("audit.client", event.client());
    event.details().forEach((k, v) -> line.addKeyValue("audit.details." + k, v));
    if (stored != null) {
      line.addKeyValue("audit.seq", stored.seq()).addKeyValue("audit.hash", stored.hash());
    }
    line.log(
        "audit type={} citizen={} client={} details={}",
        event.type(),
        event.citizen(),
        event.client(),
        event.details());
  }
}
