package ca.idnum.auth.citizen.proofing;

import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** An {@link AuditLog} that keeps the events in memory, for assertions. */
public final class RecordingAuditLog implements AuditLog {

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
  public static class Config {
    @Bean
    @Primary
    RecordingAuditLog recordingAuditLog() {
      return new RecordingAuditLog();
    }
  }
}
