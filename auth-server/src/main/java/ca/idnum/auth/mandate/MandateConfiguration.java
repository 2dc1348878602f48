package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.auth.session.JdbcCitizenSessions;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/** Mandates, client delegation settings, delegated sessions and their tokens. */
@Configuration(proxyBeanMethods = false)
public class MandateConfiguration {

  @Bean
  JdbcMandates jdbcMandates(JdbcClient jdbc) {
    return new JdbcMandates(jdbc);
  }

  @Bean
  ClientDelegation clientDelegation(JdbcClient jdbc, Clock oidcClock) {
    return new ClientDelegation(jdbc, oidcClock);
  }

  @Bean
  DelegatedSessions delegatedSessions(
      JdbcCitizenSessions index,
      ObjectProvider<OAuth2AuthorizationService> authorizationService,
      BackChannelLogouts backchannel) {
    return new DelegatedSessions(index, authorizationService, backchannel);
  }

  @Bean
  Mandates mandates(
      JdbcMandates store,
      CitizenAccountRepository accounts,
      CitizenMailer mailer,
      AuditLog auditLog,
      Clock oidcClock,
      DelegatedSessions delegatedSessions) {
    return new Mandates(store, accounts, mailer, auditLog, oidcClock, delegatedSessions);
  }

  @Bean
  DelegationTokenCustomizer delegationTokenCustomizer(
      PairwiseSubjects pairwise,
      AuditLog auditLog,
      Clock oidcClock,
      OrganisationDelegations organisations) {
    return new DelegationTokenCustomizer(pairwise, auditLog, oidcClock, organisations);
  }
}
