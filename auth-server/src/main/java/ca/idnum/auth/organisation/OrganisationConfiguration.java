package ca.idnum.auth.organisation;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.mandate.DelegatedSessions;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Organisations and their representatives. */
@Configuration(proxyBeanMethods = false)
public class OrganisationConfiguration {

  @Bean
  JdbcOrganisations jdbcOrganisations(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JdbcOrganisations(jdbc, transactions);
  }

  @Bean
  Organisations organisations(
      JdbcOrganisations store,
      CitizenAccountRepository accounts,
      CitizenMailer mailer,
      AuditLog auditLog,
      Clock oidcClock,
      DelegatedSessions delegatedSessions) {
    return new Organisations(store, accounts, mailer, auditLog, oidcClock, delegatedSessions);
  }
}
