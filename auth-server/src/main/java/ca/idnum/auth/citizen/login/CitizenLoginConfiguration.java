package ca.idnum.auth.citizen.login;

import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;

/**
 * Wires citizen login: the {@link AuthenticationManager} bean ({@code
 * citizenAuthenticationManager}) checks email + password against the accounts (Argon2id, re-hash on
 * login when the cost was raised), behind the failed-login throttle. Being the only
 * AuthenticationManager bean, it is also Spring Security's global default: any other filter chain
 * that needs to authenticate something other than citizens (administrators, clients) must set its
 * own manager.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
public class CitizenLoginConfiguration {

  /**
   * The failed-login throttle: on the shared store when several nodes share one ({@code
   * idnum.store=redis}), in process memory on the embedded default (one node).
   */
  @Bean
  LoginThrottle loginThrottle(
      ObjectProvider<Clock> clock,
      LoginThrottleProperties properties,
      ShortLivedStore store,
      @Value("${idnum.store:memory}") String storeKind) {
    if ("redis".equals(storeKind)) {
      return new StoreLoginThrottle(store, properties, clock.getIfAvailable(Clock::systemUTC));
    }
    return new InMemoryLoginThrottle(clock.getIfAvailable(Clock::systemUTC), properties);
  }

  /**
   * Per-source-address limit of the registration and password-reset form submissions, before
   * anything else runs (so that even refused submissions count).
   */
  @Bean
  FilterRegistrationBean<FormSourceLimitFilter> idnumFormSourceLimitFilter(
      ShortLivedStore store, LoginThrottleProperties properties, ObjectProvider<Clock> clock) {
    FilterRegistrationBean<FormSourceLimitFilter> registration =
        new FilterRegistrationBean<>(
            new FormSourceLimitFilter(
                new SlidingWindowCounter(
                    store, properties.formWindow(), clock.getIfAvailable(Clock::systemUTC)),
                properties.formMaxPerAddress(),
                properties.formWindow().toSeconds()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Account-dependent work of the email forms, run after the answer (no timing enumeration). */
  @Bean
  AccountDependentWork accountDependentWork() {
    return new AccountDependentWork();
  }

  @Bean
  AuthenticationManager citizenAuthenticationManager(
      CitizenAccountRepository accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      LoginThrottleProperties throttleProperties,
      CitizenMailer mailer,
      AuditLog audit,
      ObjectProvider<Clock> clock,
      ObjectProvider<AuthenticationEventPublisher> events) {
    CitizenUserDetailsService users =
        new CitizenUserDetailsService(accounts, clock.getIfAvailable(Clock::systemUTC));
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    passwords.setPasswordEncoder(hasher.asPasswordEncoder());
    passwords.setUserDetailsPasswordService(users);
    ProviderManager manager =
        new ProviderManager(
            new ThrottlingAuthenticationProvider(
                passwords,
                throttle,
                new MailingLockoutNotifier(
                    accounts,
                    mailer,
                    throttleProperties.accountLockout(),
                    audit,
                    clock.getIfAvailable(Clock::systemUTC))));
    events.ifAvailable(manager::setAuthenticationEventPublisher);
    return manager;
  }
}
