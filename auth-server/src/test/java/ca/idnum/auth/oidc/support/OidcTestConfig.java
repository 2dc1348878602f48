package ca.idnum.auth.oidc.support;

import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Test stand-in for the accounts feature (developed separately): a form-login chain with in-memory
 * citizens whose usernames are their UUIDs, and a {@link CitizenDirectory} over them (primary, so
 * it wins over the real directory once the accounts feature is merged).
 */
@TestConfiguration(proxyBeanMethods = false)
public class OidcTestConfig {

  public static final CitizenId ALICE = CitizenId.parse("0b7f3c4e-6a55-4c1e-9d0e-3f6f1d2a9b01");
  public static final CitizenId BOB = CitizenId.parse("5c1d9e2a-7b3f-4a8d-8e6c-1a2b3c4d5e6f");
  public static final String PASSWORD = "correct horse battery staple";

  /**
   * Message bundles present before the accounts feature is merged (its {@code i18n/messages} comes
   * with it).
   */
  public static final String MESSAGES = "i18n/oidc";

  private static final Map<CitizenId, CitizenProfile> PROFILES =
      Map.of(
          ALICE,
          new CitizenProfile(
              ALICE,
              "alice@example.org",
              true,
              Optional.of("Alice"),
              Optional.of("Tremblay"),
              Optional.of(LocalDate.of(1985, 4, 12)),
              Optional.of("+15145550101"),
              true,
              Optional.of("fr-CA")),
          BOB,
          new CitizenProfile(
              BOB,
              "bob@example.org",
              false,
              Optional.of("Bob"),
              Optional.of("Gagnon"),
              Optional.empty(),
              Optional.empty(),
              false,
              Optional.of("en-CA")));

  /**
   * Form login for the tests, limited to the login, consent and error pages so that it can sit
   * beside the accounts feature's own chain once merged (its authentication manager is local: no
   * user store bean is exposed).
   */
  @Bean
  @Order(1)
  SecurityFilterChain testLoginChain(HttpSecurity http) throws Exception {
    DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(
            new InMemoryUserDetailsManager(
                User.withUsername(ALICE.toString())
                    .password("{noop}" + PASSWORD)
                    .roles("CITIZEN")
                    .build(),
                User.withUsername(BOB.toString())
                    .password("{noop}" + PASSWORD)
                    .roles("CITIZEN")
                    .build()));
    provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    http.securityMatcher("/login", "/oauth2/consent", "/error")
        .authenticationManager(new ProviderManager(provider))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers("/login", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  @Primary
  CitizenDirectory testCitizenDirectory() {
    return id -> Optional.ofNullable(PROFILES.get(id));
  }

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }
}
