package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.CredentialsChanged;
import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.code.OneTimeCode;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.citizen.login.LoginThrottle;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.password.PasswordPolicy;
import ca.idnum.auth.citizen.password.PasswordViolation;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Password reset by a one-time code sent to the account's address. Asking for a code answers the
 * same whether or not the address has an account: the lookup happens in both cases, the email is
 * sent in the background, and no error tells the two apart. At most {@link #MAX_ACTIVE_CODES}
 * unexpired codes per account, {@link #MAX_ATTEMPTS} tries each. A successful reset voids every
 * other code, lifts a login lockout (the citizen proved control of the address) and notifies the
 * citizen by email.
 */
public final class PasswordResetService {

  public static final Duration CODE_VALIDITY = Duration.ofMinutes(15);
  public static final int MAX_ATTEMPTS = 5;
  public static final int MAX_ACTIVE_CODES = 3;

  private final CitizenAccountRepository accounts;
  private final JdbcPasswordResets resets;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final CitizenMailer mailer;
  private final LoginThrottle throttle;
  private final Executor afterAnswer;
  private final Clock clock;

  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  public PasswordResetService(
      CitizenAccountRepository accounts,
      JdbcPasswordResets resets,
      PasswordPolicy policy,
      PasswordHasher hasher,
      CitizenMailer mailer,
      LoginThrottle throttle,
      Executor afterAnswer,
      Clock clock,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.audit = audit;
    this.events = events;
    this.accounts = accounts;
    this.resets = resets;
    this.policy = policy;
    this.hasher = hasher;
    this.mailer = mailer;
    this.throttle = throttle;
    this.afterAnswer = afterAnswer;
    this.clock = clock;
  }

  public ResetRequestResult requestCode(String typedEmail, Locale locale) {
    Optional<EmailAddress> email = EmailAddress.parse(typedEmail);
    if (email.isEmpty()) {
      String code =
          typedEmail == null || typedEmail.isBlank() ? "reset.email.required" : "email.invalid";
      return new ResetRequestResult.Rejected(List.of(InputError.of("email", code)));
    }
    Instant now = clock.instant();
    Optional<CitizenAccount> account =
        accounts.findByEmail(email.get()).filter(CitizenAccount::active);
    // The code is stored and sent after the answer, so that it takes the same time either way.
    account.ifPresent(a -> afterAnswer.execute(() -> issueCode(a, now, locale)));
    return new ResetRequestResult.Accepted(email.get());
  }

  private void issueCode(CitizenAccount account, Instant now, Locale locale) {
    String code = OneTimeCode.generate();
    UUID id = UUID.randomUUID();
    String digest = OneTimeCode.digest(id, code);
    resets.deleteExpired(now);
    if (resets.findActive(account.id(), now).size() < MAX_ACTIVE_CODES) {
      resets.insert(id, account.id(), digest, now.plus(CODE_VALIDITY), now);
      mailer.sendPasswordResetCode(account.email(), code, CODE_VALIDITY, locale);
    }
  }

  public ResetResult reset(String typedEmail, String typedCode, String newPassword, Locale locale) {
    Optional<EmailAddress> email = EmailAddress.parse(typedEmail);
    List<InputError> errors = new ArrayList<>();
    if (email.isEmpty()) {
      errors.add(InputError.of("email", "email.invalid"));
    }
    for (PasswordViolation violation : policy.check(newPassword, email.orElse(null))) {
      errors.add(
          InputError.of(
              "password", violation.messageCode(), policy.minLength(), policy.maxLength()));
    }
    if (!errors.isEmpty()) {
      return new ResetResult.Rejected(errors);
    }
    Optional<String> code = OneTimeCode.parse(typedCode);
    Instant now = clock.instant();
    Optional<CitizenAccount> account =
        accounts.findByEmail(email.get()).filter(CitizenAccount::active);
    if (code.isPresent() && account.isPresent()) {
      for (JdbcPasswordResets.ResetCode candidate : resets.findActive(account.get().id(), now)) {
        if (resets.consumeAttempt(candidate.id(), MAX_ATTEMPTS)
            && OneTimeCode.matches(candidate.id(), code.get(), candidate.codeDigest())) {
          accounts.updatePasswordHash(account.get().id(), hasher.hash(newPassword), now);
          resets.deleteAll(account.get().id());
          throttle.clear(email.get().normalized());
          mailer.sendPasswordChanged(account.get().email(), locale);
          audit.record(
              new AuditEvent("password.reset", now, account.get().id().toString(), null, Map.of()));
          // whoever knew the old password is signed out everywhere
          events.publishEvent(new CredentialsChanged(account.get().id(), "password_reset", now));
          return new ResetResult.Done();
        }
      }
    }
    return new ResetResult.Rejected(List.of(InputError.of("code", "reset.code.invalid")));
  }
}
