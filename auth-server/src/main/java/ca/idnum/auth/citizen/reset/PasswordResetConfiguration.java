package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.citizen.login.AccountDependentWork;
import ca.idnum.auth.citizen.login.LoginThrottle;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.password.PasswordPolicy;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PasswordResetConfiguration {

  @Bean
  PasswordResetService passwordResetService(
      CitizenAccountRepository accounts,
      JdbcPasswordResets resets,
      PasswordPolicy policy,
      PasswordHasher hasher,
      CitizenMailer mailer,
      LoginThrottle throttle,
      AccountDependentWork afterAnswer,
      ObjectProvider<Clock> clock,
      ca.idnum.server.audit.AuditLog audit,
      org.springframework.context.ApplicationEventPublisher events) {
    return new PasswordResetService(
        accounts,
        resets,
        policy,
        hasher,
        mailer,
        throttle,
        afterAnswer,
        clock.getIfAvailable(Clock::systemUTC),
        audit,
        events);
  }
}
