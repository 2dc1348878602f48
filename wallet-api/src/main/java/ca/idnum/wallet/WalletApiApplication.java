package ca.idnum.wallet;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The attestation platform: a multi-tenant OpenID4VCI credential issuer with status lists. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WalletApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(WalletApiApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
