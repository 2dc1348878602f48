package ca.idnum.auth.oidc.support;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.AccountStatus;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.password.PasswordHasher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Two citizens for the OIDC tests, Alice and Bob, created through the real accounts feature (its
 * repository and password hasher) with fixed identifiers, so that tests can compute the pairwise
 * subjects they expect. They log in with their email addresses through the real login page.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OidcTestConfig {

  public static final CitizenId ALICE = CitizenId.parse("0b7f3c4e-6a55-4c1e-9d0e-3f6f1d2a9b01");
  public static final CitizenId BOB = CitizenId.parse("5c1d9e2a-7b3f-4a8d-8e6c-1a2b3c4d5e6f");
  public static final String PASSWORD = "correct horse battery staple";

  /** The application's message bundles (citizen pages and OIDC pages). */
  public static final String MESSAGES = "i18n/messages,i18n/oidc";

  private static final Map<String, String> LOGIN_NAMES =
      Map.of(ALICE.toString(), "alice@example.org", BOB.toString(), "bob@example.org");

  /** The login name (email address) of a test citizen given by id; other values unchanged. */
  public static String loginName(String citizenIdOrLogin) {
    return LOGIN_NAMES.getOrDefault(citizenIdOrLogin, citizenIdOrLogin);
  }

  @Bean
  ApplicationRunner testCitizens(CitizenAccountRepository accounts, PasswordHasher hasher) {
    return args -> {
      Instant now = Instant.now();
      String hash = hasher.hash(PASSWORD);
      if (accounts.findById(ALICE).isEmpty()) {
        accounts.create(
            new CitizenAccount(
                ALICE,
                EmailAddress.of(loginName(ALICE.toString())),
                true,
                hash,
                "Alice",
                "Tremblay",
                Optional.of(LocalDate.of(1985, 4, 12)),
                Optional.of("+15145550101"),
                true,
                Optional.of("fr-CA"),
                AccountStatus.ACTIVE,
                now,
                now));
      }
      if (accounts.findById(BOB).isEmpty()) {
        accounts.create(
            new CitizenAccount(
                BOB,
                EmailAddress.of(loginName(BOB.toString())),
                false,
                hash,
                "Bob",
                "Gagnon",
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of("en-CA"),
                AccountStatus.ACTIVE,
                now,
                now));
      }
    };
  }

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }
}
