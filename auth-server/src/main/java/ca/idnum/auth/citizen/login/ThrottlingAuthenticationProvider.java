package ca.idnum.auth.citizen.login;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Consults the {@link LoginThrottle} before the password is checked, and records the outcome. An
 * unknown address and a wrong password are the same failure (Spring Security hides unknown users as
 * bad credentials and spends the same hashing time on them).
 */
public final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

  private final AuthenticationProvider passwordProvider;
  private final LoginThrottle throttle;
  private final LockoutNotifier notifier;

  public ThrottlingAuthenticationProvider(
      AuthenticationProvider passwordProvider, LoginThrottle throttle) {
    this(passwordProvider, throttle, LockoutNotifier.NONE);
  }

  public ThrottlingAuthenticationProvider(
      AuthenticationProvider passwordProvider, LoginThrottle throttle, LockoutNotifier notifier) {
    this.passwordProvider = passwordProvider;
    this.throttle = throttle;
    this.notifier = notifier;
  }

  /**
   * The throttle key of an address as typed: normalised when it parses, else lower-cased and cut to
   * the longest possible address (so that a huge form value cannot make a huge key).
   */
  public static String accountKey(String typedEmail) {
    String text = typedEmail == null ? "" : typedEmail;
    return EmailAddress.parse(text)
        .map(EmailAddress::normalized)
        .orElseGet(
            () -> {
              String key = text.strip().toLowerCase(Locale.ROOT);
              return key.length() > EmailAddress.MAX_LENGTH
                  ? key.substring(0, EmailAddress.MAX_LENGTH)
                  : key;
            });
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String account = accountKey(authentication.getName());
    String address = clientAddress(authentication);
    if (!throttle.permits(account, address)) {
      throw new LoginThrottledException();
    }
    try {
      Authentication result = passwordProvider.authenticate(authentication);
      throttle.clear(account);
      return result;
    } catch (BadCredentialsException e) {
      if (throttle.recordFailure(account, address)) {
        notifier.accountLocked(account);
      }
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static String clientAddress(Authentication authentication) {
    // The client address as the servlet container sees it: behind a load balancer, the container
    // must be told to use X-Forwarded-For (server.forward-headers-strategy, set in production).
    if (authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null) {
      return details.getRemoteAddress();
    }
    return "unknown";
  }
}
