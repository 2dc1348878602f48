package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.proofing.register.DemoIdentityRegister;
import ca.idnum.auth.citizen.proofing.register.HttpIdentityRegister;
import ca.idnum.auth.citizen.proofing.register.IdentityRegister;
import ca.idnum.auth.citizen.proofing.register.RegisterClientSettings;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires identity proofing: the register (over HTTP when {@code idnum.proofing.register.url} is set;
 * else the in-process demo register, unless {@code demo-allowed} is false as in production, where
 * proofing then answers "unavailable"), the verified identities, the failure lock, and the release
 * of verified claims in tokens and userinfo.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProofingProperties.class)
public class ProofingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ProofingConfiguration.class);

  @Bean
  JdbcVerifiedIdentities verifiedIdentities(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JdbcVerifiedIdentities(jdbc, transactions);
  }

  @Bean
  IdentityProofing identityProofing(
      ProofingProperties properties,
      VerifiedIdentities identities,
      ShortLivedStore store,
      AuditLog audit,
      ObjectProvider<Clock> clockProvider) {
    Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
    return new IdentityProofing(
        register(properties.register(), clock),
        identities,
        new ProofingLock(store, properties, clock),
        properties.register().recordType(),
        audit,
        clock);
  }

  @Bean
  VerifiedClaimsTokenCustomizer verifiedClaimsTokenCustomizer(VerifiedIdentities identities) {
    return new VerifiedClaimsTokenCustomizer(identities);
  }

  @Bean
  VerifiedClaimsUserInfo verifiedClaimsUserInfo(VerifiedIdentities identities) {
    return new VerifiedClaimsUserInfo(identities);
  }

  static Optional<IdentityRegister> register(ProofingProperties.Register r, Clock clock) {
    if (r.url() != null && !r.url().isBlank()) {
      java.net.URI url = java.net.URI.create(r.url().strip());
      RegisterClientSettings settings =
          new RegisterClientSettings(
              url,
              r.authorization(),
              r.connectTimeout(),
              r.requestTimeout(),
              r.budget(),
              r.maxAttempts(),
              r.failureThreshold(),
              r.openDuration());
      String id = r.id() == null || r.id().isBlank() ? url.getHost() : r.id();
      String name = r.name() == null || r.name().isBlank() ? id : r.name();
      return Optional.of(new HttpIdentityRegister(id, name, settings, clock));
    }
    if (r.demoAllowed()) {
      return Optional.of(new DemoIdentityRegister());
    }
    log.warn("identity proofing has no register (set idnum.proofing.register.url)");
    return Optional.empty();
  }
}
