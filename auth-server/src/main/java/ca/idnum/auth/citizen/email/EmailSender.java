package ca.idnum.auth.citizen.email;

/**
 * Delivers messages to citizens (one-time codes, notices). The embedded default writes them to the
 * log; a deployment provides its own bean (SMTP, a government notification service), declared
 * {@code @Primary} to replace the default.
 */
public interface EmailSender {

  /** Delivers or throws; called off the request thread. */
  void send(EmailMessage message);
}
