package ca.idnum.auth.web;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.login.LoginThrottledException;
import ca.idnum.auth.session.DeviceDescription;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final AuditLog audit;
  private final Clock clock;

  CitizenLoginFailureHandler(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String email = request.getParameter("username");
    if (email != null && email.length() <= 254) {
      request.getSession().setAttribute(LAST_EMAIL, email);
    }
    String target;
    String reason;
    if (exception instanceof LoginThrottledException) {
      target = "/login?locked";
      reason = "throttled";
    } else if (exception instanceof InternalAuthenticationServiceException) {
      target = "/login?unavailable";
      reason = "unavailable";
    } else {
      target = "/login?error";
      reason = "bad_credentials";
    }
    // no address and no account: a failure says nothing about whether an account exists
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", reason);
    DeviceDescription.network(request.getRemoteAddr()).ifPresent(n -> details.put("network", n));
    try {
      audit.record(new AuditEvent(AuditTypes.LOGIN_FAILURE, clock.instant(), null, null, details));
    } catch (RuntimeException e) {
      // the answer stays the same; an unrecordable event is the store's outage, seen elsewhere
    }
    redirects.sendRedirect(request, response, target);
  }
}
