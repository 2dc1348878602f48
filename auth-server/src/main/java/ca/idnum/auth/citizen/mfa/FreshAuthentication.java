package ca.idnum.auth.citizen.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whether the citizen proved their password recently (within {@code
 * idnum.mfa.fresh-authentication}, 5 minutes by default): at login, or by confirming it again on
 * the security page. Adding or removing an authenticator requires it.
 */
public final class FreshAuthentication {

  private static final String ATTRIBUTE = FreshAuthentication.class.getName();

  private final Clock clock;
  private final Duration window;

  public FreshAuthentication(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  public Duration window() {
    return window;
  }

  public boolean isFresh(HttpServletRequest request) {
    Instant now = clock.instant();
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(ATTRIBUTE) instanceof Instant confirmed
        && !confirmed.plus(window).isBefore(now)
        && !confirmed.isAfter(now.plusSeconds(5))) {
      return true;
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      return false;
    }
    for (GrantedAuthority a : authentication.getAuthorities()) {
      if (a instanceof FactorGrantedAuthority factor
          && FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(factor.getAuthority())
          && !factor.getIssuedAt().plus(window).isBefore(now)
          && !factor.getIssuedAt().isAfter(now.plusSeconds(5))) {
        return true;
      }
    }
    return false;
  }

  /** The password was just confirmed. */
  public void confirmed(HttpServletRequest request) {
    request.getSession(true).setAttribute(ATTRIBUTE, clock.instant());
  }
}
