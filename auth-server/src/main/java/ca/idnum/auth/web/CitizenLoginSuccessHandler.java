package ca.idnum.auth.web;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.oidc.token.AuthenticationContext;
import ca.idnum.auth.session.DeviceDescription;
import ca.idnum.auth.session.JdbcCitizenSessions;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a successful login: records {@code login.success}, then goes where the citizen was going.
 */
final class CitizenLoginSuccessHandler implements AuthenticationSuccessHandler {

  private final AuthenticationSuccessHandler next;
  private final AuditLog audit;
  private final ca.idnum.auth.assurance.AssuranceLevels levels;
  private final Clock clock;

  CitizenLoginSuccessHandler(
      AuthenticationSuccessHandler next,
      AuditLog audit,
      ca.idnum.auth.assurance.AssuranceLevels levels,
      Clock clock) {
    this.next = next;
    this.audit = audit;
    this.levels = levels;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    Map<String, String> details = new LinkedHashMap<>();
    AuthenticationContext login = AuthenticationContext.of(authentication);
    details.put("level", levels.achieved(authentication).uri());
    details.put("amr", String.join(" ", login.amr()));
    HttpSession session = request.getSession(false);
    if (session != null) {
      details.put("sid", JdbcCitizenSessions.sid(session.getId()));
    }
    details.put("device", DeviceDescription.device(request.getHeader("User-Agent")));
    DeviceDescription.network(request.getRemoteAddr()).ifPresent(n -> details.put("network", n));
    audit.record(
        new AuditEvent(
            AuditTypes.LOGIN_SUCCESS, clock.instant(), authentication.getName(), null, details));
    next.onAuthenticationSuccess(request, response, authentication);
  }
}
