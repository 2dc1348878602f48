package ca.idnum.auth.citizen.proofing;

import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** An {@link AuditLog} that keeps the events in memory, for assertions. */
public final class RecordingAuditLog implements ca.idnum.auth.oidc.support.AuditTap {

  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
  }

  /** The events of one citizen, oldest first. */
  public List<AuditEvent> of(String citizen) {
    return events.stream().filter(e -> citizen.equals(e.citizen())).toList();
  }

  /** Its bean. */
  @TestConfiguration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Import(ca.idnum.auth.oidc.support.AuditTap.Config.class)
  public static class Config {
    @Bean
    RecordingAuditLog recordingAuditLog() {
      return new RecordingAuditLog();
    }
  }
}
