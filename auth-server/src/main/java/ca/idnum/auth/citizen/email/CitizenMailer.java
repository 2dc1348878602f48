package ca.idnum.auth.citizen.email;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;

/**
 * Writes the citizen messages (in the citizen's language, from the message bundles) and hands them
 * to the {@link EmailSender} on a small background pool, so that a request takes the same time
 * whether or not a message is sent (no account enumeration through response time). At most {@link
 * #MAX_PER_ADDRESS} messages go to one address per {@link #WINDOW}; others are dropped silently
 * (the pages answer the same), so the forms cannot be used to flood a mailbox.
 */
public final class CitizenMailer implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(CitizenMailer.class);

  public static final int MAX_PER_ADDRESS = 5;
  public static final Duration WINDOW = Duration.ofHours(1);

  private final EmailSender sender;
  private final MessageSource messages;
  private final ExecutorService pool;
  private final AddressRateLimit limit;

  public CitizenMailer(EmailSender sender, MessageSource messages, Clock clock) {
    this.sender = sender;
    this.messages = messages;
    this.limit = new AddressRateLimit(clock, MAX_PER_ADDRESS, WINDOW);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000),
            r -> {
              Thread t = new Thread(r, "idnum-mail-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
  }

  /** The one-time code that completes a registration. */
  public void sendVerificationCode(EmailAddress to, String code, Duration validity, Locale locale) {
    send(to, "email.verification", locale, code, validity.toMinutes());
  }

  /** Someone tried to register an address that already has an account. */
  public void sendAlreadyRegistered(EmailAddress to, Locale locale) {
    send(to, "email.already-registered", locale);
  }

  /** The one-time code that allows choosing a new password. */
  public void sendPasswordResetCode(
      EmailAddress to, String code, Duration validity, Locale locale) {
    send(to, "email.reset", locale, code, validity.toMinutes());
  }

  /** The password of the account was changed through a reset. */
  public void sendPasswordChanged(EmailAddress to, Locale locale) {
    send(to, "email.password-changed", locale);
  }

  /** Sign-in to the account was locked after too many failed attempts. */
  public void sendAccountLocked(EmailAddress to, Duration lockout, Locale locale) {
    send(to, "email.account-locked", locale, lockout.toMinutes());
  }

  /**
   * A notice about a mandate ({@code event}: proposed, accepted, refused, ended) naming the other
   * citizen ({@code other}).
   */
  public void sendMandateNotice(EmailAddress to, String event, String other, Locale locale) {
    send(to, "email.mandate." + event, locale, other);
  }

  private void send(EmailAddress to, String key, Locale locale, Object... args) {
    if (!limit.tryAcquire(to.normalized())) {
      LOG.warn(
          "Email not sent: its address reached {} messages within {}", MAX_PER_ADDRESS, WINDOW);
      return;
    }
    EmailMessage message =
        new EmailMessage(
            to,
            messages.getMessage(key + ".subject", args, locale),
            messages.getMessage(key + ".body", args, locale));
    try {
      pool.execute(() -> deliver(message));
    } catch (RejectedExecutionException e) {
      LOG.error("Email queue full; message dropped (subject: {})", message.subject());
    }
  }

  private void deliver(EmailMessage message) {
    try {
      sender.send(message);
    } catch (RuntimeException e) {
      LOG.warn(
          "Email delivery failed (subject: {}): {}",
          message.subject(),
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
