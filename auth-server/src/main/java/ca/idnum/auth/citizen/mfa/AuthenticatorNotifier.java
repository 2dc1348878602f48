package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.account.CitizenAccount;

/**
 * Tells a citizen that an authenticator was added to or removed from the account (so that a change
 * they did not make is noticed). The default sends a message through the {@link
 * ca.idnum.auth.citizen.email.EmailSender} (written to the log on the embedded default); a
 * deployment may declare its own {@code @Primary} bean (SMS, notification service).
 */
public interface AuthenticatorNotifier {

  /** What changed. */
  enum Change {
    TOTP_ADDED,
    TOTP_REMOVED,
    PASSKEY_ADDED,
    PASSKEY_REMOVED,
    RECOVERY_CODES_RENEWED
  }

  void notify(CitizenAccount account, Change change);
}
