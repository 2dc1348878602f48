package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.code.OneTimeCode;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.auth.citizen.password.PasswordPolicy;
import ca.idnum.auth.citizen.password.PasswordViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration with email verification. An account is created only when the code sent to the
 * address is entered, with the password chosen in that same registration, so nobody can pre-claim
 * an address they do not control. Registering an address that already has an account sends the
 * owner a notice instead of a code, and looks exactly the same to the submitter (same page, same
 * work: the password is hashed either way, the email is sent in the background either way).
 */
public final class RegistrationService {

  public static final Duration CODE_VALIDITY = Duration.ofMinutes(15);
  public static final int MAX_ATTEMPTS = 5;
  static final int MAX_PENDING_PER_ADDRESS = 3;

  private final CitizenAccountRepository accounts;
  private final JdbcPendingRegistrations pending;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final CitizenMailer mailer;
  private final TransactionTemplate transactions;
  private final Executor afterAnswer;
  private final Clock clock;

  public RegistrationService(
      CitizenAccountRepository accounts,
      JdbcPendingRegistrations pending,
      PasswordPolicy policy,
      PasswordHasher hasher,
      CitizenMailer mailer,
      TransactionTemplate transactions,
      Executor afterAnswer,
      Clock clock) {
    this.accounts = accounts;
    this.pending = pending;
    this.policy = policy;
    this.hasher = hasher;
    this.mailer = mailer;
    this.transactions = transactions;
    this.afterAnswer = afterAnswer;
    this.clock = clock;
  }

  public RegistrationResult register(RegistrationRequest request, Locale locale) {
    List<InputError> errors = new ArrayList<>();
    String givenName = name(request.givenName(), "givenName", errors);
    String familyName = name(request.familyName(), "familyName", errors);
    Optional<EmailAddress> email = EmailAddress.parse(request.email());
    if (email.isEmpty()) {
      errors.add(
          InputError.of(
              "email", blank(request.email()) ? "register.email.required" : "email.invalid"));
    }
    for (PasswordViolation violation : policy.check(request.password(), email.orElse(null))) {
      errors.add(
          InputError.of(
              "password", violation.messageCode(), policy.minLength(), policy.maxLength()));
    }
    if (!errors.isEmpty()) {
      return new RegistrationResult.Rejected(errors);
    }
    EmailAddress address = email.get();
    String passwordHash = hasher.hash(request.password());
    Instant now = clock.instant();
    // What depends on whether the address has an account runs after the answer (same time either
    // way): a notice to the owner, or the pending registration and its code.
    if (accounts.findByEmail(address).isPresent()) {
      afterAnswer.execute(() -> mailer.sendAlreadyRegistered(address, locale));
      return new RegistrationResult.CodeSent(address);
    }
    afterAnswer.execute(
        () -> createPending(address, passwordHash, givenName, familyName, locale, now));
    return new RegistrationResult.CodeSent(address);
  }

  private void createPending(
      EmailAddress address,
      String passwordHash,
      String givenName,
      String familyName,
      Locale locale,
      Instant now) {
    String code = OneTimeCode.generate();
    UUID id = UUID.randomUUID();
    transactions.executeWithoutResult(
        status -> {
          pending.deleteExpired(now);
          pending.insert(
              new PendingRegistration(
                  id,
                  address,
                  passwordHash,
                  givenName,
                  familyName,
                  Optional.of(locale.toLanguageTag()),
                  OneTimeCode.digest(id, code),
                  0,
                  now.plus(CODE_VALIDITY),
                  now));
          pending.keepNewest(address, MAX_PENDING_PER_ADDRESS);
        });
    mailer.sendVerificationCode(address, code, CODE_VALIDITY, locale);
  }

  /** Completes the registration whose code this is. */
  public VerificationResult verify(String typedEmail, String typedCode) {
    Optional<EmailAddress> email = EmailAddress.parse(typedEmail);
    Optional<String> code = OneTimeCode.parse(typedCode);
    if (email.isEmpty() || code.isEmpty()) {
      return new VerificationResult.InvalidCode();
    }
    Instant now = clock.instant();
    for (PendingRegistration candidate : pending.findActive(email.get(), now)) {
      if (!pending.consumeAttempt(candidate.id(), MAX_ATTEMPTS)) {
        continue;
      }
      if (OneTimeCode.matches(candidate.id(), code.get(), candidate.codeDigest())) {
        return complete(candidate, now);
      }
    }
    return new VerificationResult.InvalidCode();
  }

  private VerificationResult complete(PendingRegistration registration, Instant now) {
    boolean created =
        accounts.create(
            CitizenAccount.newVerified(
                CitizenId.random(),
                registration.email(),
                registration.passwordHash(),
                registration.givenName(),
                registration.familyName(),
                registration.locale(),
                now));
    pending.deleteAll(registration.email());
    if (!created) {
      return new VerificationResult.AlreadyRegistered();
    }
    return accounts
        .findByEmail(registration.email())
        .<VerificationResult>map(a -> new VerificationResult.Verified(a.id()))
        .orElseGet(VerificationResult.InvalidCode::new);
  }

  private static String name(String typed, String field, List<InputError> errors) {
    String name = typed == null ? "" : PasswordHasher.normalize(typed).strip();
    if (name.isEmpty()) {
      errors.add(InputError.of(field, "register." + field + ".required"));
    } else if (name.length() > CitizenAccount.MAX_NAME_LENGTH
        || name.codePoints().anyMatch(Character::isISOControl)) {
      errors.add(InputError.of(field, "register.name.invalid", CitizenAccount.MAX_NAME_LENGTH));
    }
    return name;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
