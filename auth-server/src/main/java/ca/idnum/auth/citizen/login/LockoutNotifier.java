package ca.idnum.auth.citizen.login;

/** Told when failed logins lock an account key, so that the account's owner can be warned. */
@FunctionalInterface
public interface LockoutNotifier {

  /** The account key (normalised address as typed) was just locked; it may have no account. */
  void accountLocked(String accountKey);

  /** Notifies nobody. */
  LockoutNotifier NONE = accountKey -> {};
}
