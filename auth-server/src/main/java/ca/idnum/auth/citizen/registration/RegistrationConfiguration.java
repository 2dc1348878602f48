package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.citizen.login.AccountDependentWork;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.password.PasswordPolicy;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

  @Bean
  RegistrationService registrationService(
      CitizenAccountRepository accounts,
      JdbcPendingRegistrations pending,
      PasswordPolicy policy,
      PasswordHasher hasher,
      CitizenMailer mailer,
      TransactionTemplate transactions,
      AccountDependentWork afterAnswer,
      ObjectProvider<Clock> clock) {
    return new RegistrationService(
        accounts,
        pending,
        policy,
        hasher,
        mailer,
        transactions,
        afterAnswer,
        clock.getIfAvailable(Clock::systemUTC));
  }
}
