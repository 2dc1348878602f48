package ca.idnum.auth.session;

import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.auth.session.backchannel.LogoutTokens;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.crypto.EnvelopeEncryption;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * Citizen sessions: the database index and its {@link CitizenSessionRegistry}, ending sessions
 * ({@link SessionTermination}), Back-Channel Logout, the timeout sweeper; and the HTTP sessions
 * themselves through Spring Session — Redis in production ({@code idnum.store=redis}, Spring Boot's
 * Redis session repository), an in-process map on the embedded default.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
@EnableScheduling
public class SessionConfiguration {

  @Bean
  JdbcCitizenSessions citizenSessionIndex(JdbcClient jdbc, EnvelopeEncryption encryption) {
    return new JdbcCitizenSessions(jdbc, encryption);
  }

  /** Picked up by Spring Security (citizen login) and Spring Authorization Server ({@code sid}). */
  @Bean
  CitizenSessionRegistry citizenSessionRegistry(
      JdbcCitizenSessions index, SessionProperties properties, Clock oidcClock) {
    return new CitizenSessionRegistry(index, properties, oidcClock);
  }

  @Bean(destroyMethod = "shutdown")
  ExecutorService backchannelLogoutExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "backchannel-logout");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  LogoutTokens logoutTokens(
      JwtEncoder jwtEncoder,
      PairwiseSubjects pairwise,
      @Value("${idnum.issuer}") String issuer,
      SessionProperties properties,
      Clock oidcClock) {
    return new LogoutTokens(
        jwtEncoder, pairwise, issuer, properties.backchannel().tokenLifetime(), oidcClock);
  }

  @Bean
  BackChannelLogouts backChannelLogouts(
      JdbcClient jdbc,
      JdbcOidcClients clients,
      LogoutTokens tokens,
      SessionProperties properties,
      AuditLog audit,
      Clock oidcClock,
      ExecutorService backchannelLogoutExecutor) {
    return new BackChannelLogouts(
        jdbc,
        clients,
        tokens,
        properties.backchannel(),
        audit,
        oidcClock,
        backchannelLogoutExecutor);
  }

  @Bean
  SessionTermination sessionTermination(
      JdbcCitizenSessions index,
      SessionProperties properties,
      SessionRepository<? extends Session> httpSessions,
      OAuth2AuthorizationService authorizations,
      BackChannelLogouts backchannel,
      AuditLog audit,
      Clock oidcClock) {
    return new SessionTermination(
        index, properties, httpSessions, authorizations, backchannel, audit, oidcClock);
  }

  @Bean
  SessionLogoutHandler sessionLogoutHandler(SessionTermination termination) {
    return new SessionLogoutHandler(termination);
  }

  @Bean
  SessionTokenRecorder sessionTokenRecorder(
      JdbcCitizenSessions index, AuditLog audit, Clock oidcClock) {
    return new SessionTokenRecorder(index, audit, oidcClock);
  }

  @Bean
  SessionSweeper sessionSweeper(
      JdbcCitizenSessions index,
      SessionTermination termination,
      BackChannelLogouts backchannel,
      SessionProperties properties,
      Clock oidcClock) {
    return new SessionSweeper(index, termination, backchannel, properties, oidcClock);
  }

  /** HTTP sessions in process memory (one node): the embedded default. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "idnum.store", havingValue = "memory", matchIfMissing = true)
  @EnableSpringHttpSession
  static class InMemorySessions {

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    @Bean
    MapSessionRepository sessionRepository(SessionProperties properties) {
      MapSessionRepository repository = new MapSessionRepository(sessions);
      repository.setDefaultMaxInactiveInterval(properties.idleTimeout());
      return repository;
    }

    /** The map only drops an expired session when it is read: drop abandoned ones too. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void removeExpired() {
      sessions.values().removeIf(s -> s instanceof MapSession m && m.isExpired());
    }
  }
}
