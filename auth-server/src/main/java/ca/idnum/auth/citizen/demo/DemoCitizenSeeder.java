package ca.idnum.auth.citizen.demo;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.mfa.TotpSecret;
import ca.idnum.auth.citizen.password.PasswordHasher;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo citizen when {@code idnum.demo.enabled} is true (the embedded default), once: an
 * existing account with the demo address is left as it is. The credentials are public (README,
 * start-up log) and the account must never exist on a real deployment.
 */
@Component
@ConditionalOnBooleanProperty("idnum.demo.enabled")
public final class DemoCitizenSeeder implements ApplicationRunner {

  /** The demo citizen's address. */
  public static final String EMAIL = "demo@idnum.example";

  /** The demo citizen's password (public; meets the password policy). */
  public static final String PASSWORD = "Demo-citoyen-2026!";

  /**
   * The demo citizen's TOTP authenticator key (base32; public: README, start-up log), to try the
   * step-up with an authenticator app.
   */
  public static final String TOTP_KEY = "NFSG45LNFVSGK3LPFV2G65DQFVVWK6JB";

  public static final String GIVEN_NAME = "Camille";
  public static final String FAMILY_NAME = "Tremblay";

  private static final Logger LOG = LoggerFactory.getLogger(DemoCitizenSeeder.class);

  private final CitizenAccountRepository accounts;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final TotpAuthenticators totp;
  private final ObjectProvider<ca.idnum.auth.mandate.DemoMandateSeeder> mandates;

  public DemoCitizenSeeder(
      CitizenAccountRepository accounts,
      PasswordHasher hasher,
      ObjectProvider<Clock> clock,
      TotpAuthenticators totp,
      ObjectProvider<ca.idnum.auth.mandate.DemoMandateSeeder> mandates) {
    this.mandates = mandates;
    this.accounts = accounts;
    this.hasher = hasher;
    this.totp = totp;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @Override
  public void run(ApplicationArguments args) {
    EmailAddress email = EmailAddress.of(EMAIL);
    if (accounts.findByEmail(email).isEmpty()) {
      accounts.create(
          CitizenAccount.newVerified(
              CitizenId.random(),
              email,
              hasher.hash(PASSWORD),
              GIVEN_NAME,
              FAMILY_NAME,
              Optional.of("fr-CA"),
              clock.instant()));
    }
    accounts
        .findByEmail(email)
        .filter(account -> !totp.enrolled(account.id()))
        .ifPresent(account -> totp.enrol(account.id(), TotpSecret.fromBase32(TOTP_KEY)));
    LOG.info("Demo citizen: email {} / password {}", EMAIL, PASSWORD);
    LOG.info("Demo citizen authenticator app key: {} (TOTP, SHA-1, 6 digits, 30 s)", TOTP_KEY);
    // a second demo citizen who may act for this one (mandates)
    mandates.ifAvailable(ca.idnum.auth.mandate.DemoMandateSeeder::seed);
  }
}
