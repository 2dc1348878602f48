package ca.idnum.auth.assurance;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.proofing.IdentityProofingStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Identity proofing for tests: the citizens a test marks as verified. */
public final class TestIdentityProofing implements IdentityProofingStatus {

  private final Set<CitizenId> verified = ConcurrentHashMap.newKeySet();

  public void verify(CitizenId citizen) {
    verified.add(citizen);
  }

  @Override
  public boolean identityVerified(CitizenId citizen) {
    return verified.contains(citizen);
  }

  /** Registers it as the application's (primary) identity proofing status. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    @Primary
    TestIdentityProofing testIdentityProofing() {
      return new TestIdentityProofing();
    }
  }
}
