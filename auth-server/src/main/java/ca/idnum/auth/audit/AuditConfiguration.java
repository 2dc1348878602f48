package ca.idnum.auth.audit;

import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.audit.JdbcAuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auth-server's audit log: the hash-chained table of V5 ({@link JdbcAuditLog}, also the {@link
 * ca.idnum.server.audit.AuditTrail} operators search and verify), counted by {@link
 * MeteredAuditLog}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  JdbcAuditLog jdbcAuditLog(JdbcOperations jdbc, TransactionTemplate transactions) {
    return new JdbcAuditLog(jdbc, transactions);
  }

  @Bean
  @Primary
  AuditLog auditLog(JdbcAuditLog durable, MeterRegistry registry) {
    return new MeteredAuditLog(durable, registry);
  }
}
