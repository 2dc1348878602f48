package ca.idnum.auth.citizen.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages to the log instead of sending them. With {@code includeContent} (only on the
 * embedded default, with no Spring profile active) the whole message, codes included, is logged so
 * that a developer can register without a mail server; otherwise only the fact that a message was
 * not delivered, without recipient or content.
 */
public final class LoggingEmailSender implements EmailSender {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingEmailSender.class);

  private final boolean includeContent;

  public LoggingEmailSender(boolean includeContent) {
    this.includeContent = includeContent;
  }

  @Override
  public void send(EmailMessage message) {
    if (includeContent) {
      LOG.info(
          "Email (embedded default, not sent) to {}\nSubject: {}\n\n{}",
          message.to().value(),
          message.subject(),
          message.body());
    } else {
      LOG.warn(
          "Email not delivered: no EmailSender is configured for this profile (subject: {})",
          message.subject());
    }
  }

  public boolean includesContent() {
    return includeContent;
  }
}
