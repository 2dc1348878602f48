package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.demo.DemoCitizenSeeder;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.mfa.TotpSecret;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.oidc.client.ClientBootstrap;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Demo data for delegated sessions when {@code idnum.demo.enabled} is true (the embedded default),
 * once: a second demo citizen (a caregiver, Étienne Côté of the demo identity register, with a
 * public TOTP key) who holds an accepted mandate from the demo citizen for the demo public body
 * ({@code demo-rp}, which then accepts delegated sessions), for a year. The credentials are public
 * and the account must never exist on a real deployment.
 */
@Component
@ConditionalOnBooleanProperty("idnum.demo.enabled")
public final class DemoMandateSeeder {

  /** The demo caregiver's address. */
  public static final String EMAIL = "aidant@idnum.example";

  /** The demo caregiver's password (public; meets the password policy). */
  public static final String PASSWORD = "Demo-aidant-2026!";

  /**
   * The demo caregiver's TOTP authenticator key (base32; public), to reach level 2 (with the
   * identity of Étienne Côté in the demo register) and accept mandates.
   */
  public static final String TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private static final Logger LOG = LoggerFactory.getLogger(DemoMandateSeeder.class);

  private final CitizenAccountRepository accounts;
  private final PasswordHasher hasher;
  private final JdbcMandates mandates;
  private final ClientDelegation delegation;
  private final Clock clock;
  private final TotpAuthenticators totp;

  public DemoMandateSeeder(
      CitizenAccountRepository accounts,
      PasswordHasher hasher,
      JdbcMandates mandates,
      ClientDelegation delegation,
      Clock oidcClock,
      TotpAuthenticators totp) {
    this.totp = totp;
    this.accounts = accounts;
    this.hasher = hasher;
    this.mandates = mandates;
    this.delegation = delegation;
    this.clock = oidcClock;
  }

  /** Runs after the demo citizen and the demo public body exist ({@link DemoCitizenSeeder}). */
  public void seed() {
    Optional<CitizenAccount> demo = accounts.findByEmail(EmailAddress.of(DemoCitizenSeeder.EMAIL));
    if (demo.isEmpty() || !delegation.clientExists(ClientBootstrap.DEMO_CLIENT_ID)) {
      return;
    }
    EmailAddress email = EmailAddress.of(EMAIL);
    if (accounts.findByEmail(email).isPresent()) {
      announce();
      return;
    }
    CitizenAccount caregiver =
        CitizenAccount.newVerified(
            CitizenId.random(),
            email,
            hasher.hash(PASSWORD),
            "Étienne",
            "Côté",
            Optional.of("fr-CA"),
            clock.instant());
    if (!accounts.create(caregiver)) {
      return;
    }
    totp.enrol(caregiver.id(), TotpSecret.fromBase32(TOTP_KEY));
    delegation.set(ClientBootstrap.DEMO_CLIENT_ID, new ClientDelegation.Setting(true, false));
    LocalDate today = LocalDate.ofInstant(clock.instant(), Mandates.ZONE);
    var now = clock.instant();
    mandates.insert(
        new Mandate(
            UUID.randomUUID().toString(),
            demo.get().id(),
            email.normalized(),
            Optional.of(caregiver.id()),
            List.of(ClientBootstrap.DEMO_CLIENT_ID),
            List.of(),
            Set.of("profile", "email"),
            today,
            today.plusYears(1),
            MandateState.ACCEPTED,
            Mandates.CONSENT_TEXT_VERSION,
            now,
            now,
            Optional.empty(),
            Optional.empty()));
    announce();
  }

  private static void announce() {
    // "Demo <what>: " lines are the ones scripts/run.sh prints at start-up
    LOG.info(
        "Demo caregiver: email {} / password {}, authenticator app key {}; holds a mandate from"
            + " the demo citizen at {}",
        EMAIL,
        PASSWORD,
        TOTP_KEY,
        ClientBootstrap.DEMO_CLIENT_ID);
  }
}
