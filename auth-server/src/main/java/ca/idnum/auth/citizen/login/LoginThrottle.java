package ca.idnum.auth.citizen.login;

/**
 * Limits failed logins per account (keyed by the normalised email address as typed, so that an
 * address without an account behaves exactly like one with an account) and per client IP address,
 * over sliding windows: too many failures lock the account key (or block the address) for a while,
 * and before that, each further failure of an account key makes the next attempt wait a little
 * longer (progressive delay). The in-process implementation serves one node; a shared one (Redis)
 * serves several.
 */
public interface LoginThrottle {

  /**
   * Whether a login attempt for this account key from this address may be checked now (not locked,
   * not blocked, and past the progressive delay of the last failure).
   */
  boolean permits(String accountKey, String clientAddress);

  /**
   * Records a failed attempt (wrong password or unknown account).
   *
   * @return whether this failure locked the account key (so that its owner can be notified)
   */
  boolean recordFailure(String accountKey, String clientAddress);

  /** Clears the account's failure count (successful login, password reset). */
  void clear(String accountKey);
}
