package ca.idnum.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Ends the current citizen session when the citizen logs out here ({@code POST /logout}), at a
 * relying body (RP-initiated logout), or is logged out because the session ended elsewhere.
 */
public final class SessionLogoutHandler implements LogoutHandler {

  private final SessionTermination termination;

  public SessionLogoutHandler(SessionTermination termination) {
    this.termination = termination;
  }

  @Override
  public void logout(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
    termination.endCurrent(request.getSession(false));
  }
}
