package ca.idnum.auth.citizen.testing;

import ca.idnum.auth.citizen.email.EmailMessage;
import ca.idnum.auth.citizen.email.EmailSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Keeps every message the application sends, so that tests can read the one-time codes. */
public final class CapturingEmailSender implements EmailSender {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{8})\\b");

  private final List<EmailMessage> messages = new ArrayList<>();

  @Override
  public synchronized void send(EmailMessage message) {
    messages.add(message);
    notifyAll();
  }

  /** Waits (up to 10 s) for a message to this address whose subject matches. */
  public synchronized EmailMessage await(String to, Predicate<String> subject) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Optional<EmailMessage> found =
          messages.stream()
              .filter(m -> m.to().normalized().equalsIgnoreCase(to))
              .filter(m -> subject.test(m.subject()))
              .findFirst();
      if (found.isPresent()) {
        messages.remove(found.get());
        return found.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no email to " + to + " within 10 s; have " + messages);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits for a message to this address and returns the 8-digit code in it. */
  public String awaitCode(String to) {
    EmailMessage message = await(to, s -> true);
    Matcher m = CODE.matcher(message.body());
    if (!m.find()) {
      throw new AssertionError("no code in message " + message.subject());
    }
    return m.group(1);
  }

  /** Messages to this address received so far (not consumed). */
  public synchronized List<EmailMessage> to(String address) {
    return messages.stream().filter(m -> m.to().normalized().equalsIgnoreCase(address)).toList();
  }

  /** Registers the capturing sender as the application's (primary) EmailSender. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    @Primary
    CapturingEmailSender capturingEmailSender() {
      return new CapturingEmailSender();
    }
  }
}
