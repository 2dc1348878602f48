package ca.idnum.server.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides an {@link AuditLog} when the application defines none: the hash-chained {@link
 * JdbcAuditLog} when {@code idnum.audit.store=jdbc} (the application's Flyway scripts create its
 * tables), else {@link LoggingAuditLog}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    })
public class AuditAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(AuditLog.class)
  @ConditionalOnProperty(name = "idnum.audit.store", havingValue = "jdbc")
  JdbcAuditLog idnumJdbcAuditLog(JdbcOperations jdbc, TransactionTemplate transactions) {
    return new JdbcAuditLog(jdbc, transactions);
  }

  @Bean
  @ConditionalOnMissingBean(AuditLog.class)
  AuditLog idnumAuditLog() {
    return new LoggingAuditLog();
  }
}
