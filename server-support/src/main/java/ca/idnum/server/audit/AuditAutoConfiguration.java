package ca.idnum.server.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Provides an {@link AuditLog} when the application defines none. */
@AutoConfiguration
public class AuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  AuditLog idnumAuditLog() {
    return new LoggingAuditLog();
  }
}
