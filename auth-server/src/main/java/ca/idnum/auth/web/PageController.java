package ca.idnum.auth.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The home page and the login page (the login POST itself is Spring Security's filter). */
@Controller
final class PageController {

  @GetMapping("/")
  String home() {
    return "index";
  }

  @GetMapping("/login")
  String login(
      @RequestParam(name = "error", required = false) String error,
      @RequestParam(name = "locked", required = false) String locked,
      @RequestParam(name = "unavailable", required = false) String unavailable,
      HttpSession session,
      Model model) {
    model.addAttribute("loginError", error != null);
    model.addAttribute("loginLocked", locked != null);
    model.addAttribute("loginUnavailable", unavailable != null);
    Object email = session.getAttribute(CitizenLoginFailureHandler.LAST_EMAIL);
    session.removeAttribute(CitizenLoginFailureHandler.LAST_EMAIL);
    model.addAttribute("email", email instanceof String s ? s : "");
    return "login";
  }
}
