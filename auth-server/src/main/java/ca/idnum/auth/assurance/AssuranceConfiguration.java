package ca.idnum.auth.assurance;

import ca.idnum.auth.citizen.mfa.Passkeys;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.proofing.IdentityProofingStatus;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the levels of assurance. */
@Configuration(proxyBeanMethods = false)
public class AssuranceConfiguration {

  @Bean
  ClientMinimumLevels clientMinimumLevels(JdbcClient jdbc) {
    return new ClientMinimumLevels(jdbc);
  }

  @Bean
  AssurancePolicy assurancePolicy(ClientMinimumLevels minimums) {
    return new AssurancePolicy(minimums);
  }

  @Bean
  AssuranceLevels assuranceLevels(
      IdentityProofingStatus proofing, TotpAuthenticators totp, Passkeys passkeys) {
    return new AssuranceLevels(proofing, totp, passkeys);
  }

  @Bean
  UnmetRequirementsValidator unmetRequirementsValidator(
      AssurancePolicy policy, AssuranceLevels levels, AuditLog audit, Clock clock) {
    return new UnmetRequirementsValidator(policy, levels, audit, clock);
  }
}
