package ca.idnum.auth.citizen.login;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed logins for this address or from this client: the password was not checked. Shown
 * the same way whether or not an account exists for the address.
 */
public final class LoginThrottledException extends AuthenticationException {

  public LoginThrottledException() {
    super("too many failed login attempts");
  }
}
