package ca.idnum.auth.citizen.login;

import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails the owner of a locked account (in their language; sent in the background, so the failing
 * request takes the same time whether or not the address has an account) and records {@code
 * login.locked}. A key without an account notifies nobody.
 */
public final class MailingLockoutNotifier implements LockoutNotifier {

  private static final Logger log = LoggerFactory.getLogger(MailingLockoutNotifier.class);

  private final CitizenAccountRepository accounts;
  private final CitizenMailer mailer;
  private final Duration lockout;
  private final AuditLog audit;
  private final Clock clock;

  public MailingLockoutNotifier(
      CitizenAccountRepository accounts,
      CitizenMailer mailer,
      Duration lockout,
      AuditLog audit,
      Clock clock) {
    this.accounts = accounts;
    this.mailer = mailer;
    this.lockout = lockout;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void accountLocked(String accountKey) {
    try {
      Optional<CitizenAccount> account =
          EmailAddress.parse(accountKey)
              .flatMap(accounts::findByEmail)
              .filter(CitizenAccount::active);
      if (account.isEmpty()) {
        return;
      }
      CitizenAccount citizen = account.get();
      audit.record(
          new AuditEvent(
              "login.locked",
              clock.instant(),
              citizen.id().toString(),
              null,
              Map.of("minutes", Long.toString(lockout.toMinutes()))));
      Locale locale = citizen.locale().map(Locale::forLanguageTag).orElse(Locale.CANADA_FRENCH);
      mailer.sendAccountLocked(citizen.email(), lockout, locale);
    } catch (RuntimeException e) {
      // the lock itself holds; only the warning is lost
      log.warn("could not notify a locked account's owner: {}", e.getClass().getSimpleName());
    }
  }
}
