package ca.idnum.auth.web;

import ca.idnum.auth.citizen.login.LoginThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * After a failed login: back to the login page, keeping the typed address (in the session, for the
 * form) and saying "wrong address or password", "too many attempts", or, when the accounts could
 * not be read at all (database down), "service unavailable": login fails closed, and none of the
 * answers depends on whether the address has an account.
 */
final class CitizenLoginFailureHandler implements AuthenticationFailureHandler {

  static final String LAST_EMAIL = "idnum.login.email";

  private final RedirectStrategy redirects = new DefaultRedirectStrategy();

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String email = request.getParameter("username");
    if (email != null && email.length() <= 254) {
      request.getSession().setAttribute(LAST_EMAIL, email);
    }
    String target;
    if (exception instanceof LoginThrottledException) {
      target = "/login?locked";
    } else if (exception instanceof InternalAuthenticationServiceException) {
      target = "/login?unavailable";
    } else {
      target = "/login?error";
    }
    redirects.sendRedirect(request, response, target);
  }
}
