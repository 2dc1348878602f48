package ca.idnum.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signs one of the citizen's sessions out from the account page. Only the citizen's own open
 * sessions can be named; anything else changes nothing (and says nothing about other sessions).
 * Signing out this device's session logs the citizen out here too.
 */
@Controller
final class AccountSessionsController {

  private final JdbcCitizenSessions index;
  private final SessionTermination termination;
  private final SessionProperties properties;
  private final Clock clock;

  AccountSessionsController(
      JdbcCitizenSessions index,
      SessionTermination termination,
      SessionProperties properties,
      Clock oidcClock) {
    this.index = index;
    this.termination = termination;
    this.properties = properties;
    this.clock = oidcClock;
  }

  @PostMapping("/account/sessions/revoke")
  String revoke(
      Authentication authentication,
      @RequestParam(name = "sid") String sid,
      RedirectAttributes redirect,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (sid.length() > 64) {
      return "redirect:/account";
    }
    boolean own =
        index
            .find(sid)
            .filter(s -> s.citizenId().equals(authentication.getName()))
            .filter(s -> s.openAt(clock.instant(), properties))
            .isPresent();
    if (!own) {
      return "redirect:/account";
    }
    HttpSession current = request.getSession(false);
    boolean thisDevice = current != null && JdbcCitizenSessions.sid(current.getId()).equals(sid);
    termination.end(sid, SessionEndReason.CITIZEN, null);
    if (thisDevice) {
      new SecurityContextLogoutHandler().logout(request, response, authentication);
      return "redirect:/?logout";
    }
    redirect.addFlashAttribute("sessionRevoked", true);
    return "redirect:/account";
  }
}
