package ca.idnum.auth.citizen.login;

/**
 * Limits failed logins per account (keyed by the normalised email address as typed, so that an
 * address without an account behaves exactly like one with an account) and per client IP address.
 * The in-process implementation serves one node; a shared one (Redis) serves several.
 */
public interface LoginThrottle {

  /** Whether a login attempt for this account key from this address may be checked now. */
  boolean permits(String accountKey, String clientAddress);

  /** Records a failed attempt (wrong password or unknown account). */
  void recordFailure(String accountKey, String clientAddress);

  /** Clears the account's failure count (successful login, password reset). */
  void clear(String accountKey);
}
