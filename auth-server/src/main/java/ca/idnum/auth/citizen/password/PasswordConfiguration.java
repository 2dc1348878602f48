package ca.idnum.auth.citizen.password;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The password policy and the Argon2id hasher, from {@code idnum.password.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
public class PasswordConfiguration {

  @Bean
  PasswordHasher citizenPasswordHasher(PasswordProperties properties) {
    return new PasswordHasher(properties.argon2());
  }

  /** What Argon2id costs on this server: computations, and the CPU time they took. */
  @Bean
  MeterBinder passwordHashMetrics() {
    return registry -> {
      FunctionCounter.builder(
              "idnum.password.hashes", PasswordHasher.class, c -> PasswordHasher.computations())
          .description("Argon2id computations (password hashes and verifications)")
          .register(registry);
      FunctionCounter.builder(
              "idnum.password.hash.cpu",
              PasswordHasher.class,
              c -> PasswordHasher.cpuNanos() / (double) TimeUnit.SECONDS.toNanos(1))
          .description("CPU time of the Argon2id computations' threads")
          .baseUnit("seconds")
          .register(registry);
    };
  }

  /** Once the server has started: see {@link PasswordHasher#settleMemories()}. */
  @EventListener(ApplicationReadyEvent.class)
  void settlePasswordHashingMemories(ApplicationReadyEvent event) {
    event
        .getApplicationContext()
        .getBeanProvider(PasswordHasher.class)
        .forEach(PasswordHasher::settleMemories);
  }

  @Bean
  PasswordPolicy citizenPasswordPolicy(PasswordProperties properties) {
    return new PasswordPolicy(properties, CommonPasswords.bundled());
  }
}
