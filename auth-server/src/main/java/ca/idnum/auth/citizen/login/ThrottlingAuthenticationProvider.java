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

  public ThrottlingAuthenticationProvider(
      AuthenticationProvider passwordProvider, LoginThrottle throttle) {
    this.passwordProvider = passwordProvider;
    this.throttle = throttle;
  }

  /** The throttle key of an address as typed: normalised when it parses, else lower-cased. */
  public static String accountKey(String typedEmail) {
    String text = typedEmail == null ? "" : typedEmail;
    return EmailAddress.parse(text)
        .map(EmailAddress::normalized)
        .orElseGet(() -> text.strip().toLowerCase(Locale.ROOT));
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
      throttle.recordFailure(account, address);
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static String clientAddress(Authentication authentication) {
    if (authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null) {
      return details.getRemoteAddress();
    }
    return "unknown";
  }
}
