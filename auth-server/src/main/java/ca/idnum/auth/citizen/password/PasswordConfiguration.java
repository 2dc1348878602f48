package ca.idnum.auth.citizen.password;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The password policy and the Argon2id hasher, from {@code idnum.password.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
public class PasswordConfiguration {

  @Bean
  PasswordHasher citizenPasswordHasher(PasswordProperties properties) {
    return new PasswordHasher(properties.argon2());
  }

  @Bean
  PasswordPolicy citizenPasswordPolicy(PasswordProperties properties) {
    return new PasswordPolicy(properties, CommonPasswords.bundled());
  }
}
