package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.email.EmailMessage;
import ca.idnum.auth.citizen.email.EmailSender;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;

/** Notifies by email, in the citizen's language, through the application's {@link EmailSender}. */
public final class EmailAuthenticatorNotifier implements AuthenticatorNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(EmailAuthenticatorNotifier.class);

  private final EmailSender sender;
  private final MessageSource messages;

  public EmailAuthenticatorNotifier(EmailSender sender, MessageSource messages) {
    this.sender = sender;
    this.messages = messages;
  }

  @Override
  public void notify(CitizenAccount account, Change change) {
    Locale locale = Locale.forLanguageTag(account.locale().orElse("fr-CA"));
    String what =
        messages.getMessage(
            "mfa.notice.change." + change.name().toLowerCase(Locale.ROOT), null, locale);
    try {
      sender.send(
          new EmailMessage(
              account.email(),
              messages.getMessage("mfa.notice.subject", null, locale),
              messages.getMessage("mfa.notice.body", new Object[] {what}, locale)));
    } catch (RuntimeException e) {
      LOG.warn("Authenticator change notice not delivered: {}", e.getClass().getSimpleName());
    }
  }
}
