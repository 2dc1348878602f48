package ca.idnum.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to the {@code idnum.audit} logger; the default until a durable log exists.
 */
public final class LoggingAuditLog implements AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger("idnum.audit");

  @Override
  public void record(AuditEvent event) {
    LOG.info(
        "audit type={} citizen={} client={} details={}",
        event.type(),
        event.citizen(),
        event.client(),
        event.details());
  }
}
