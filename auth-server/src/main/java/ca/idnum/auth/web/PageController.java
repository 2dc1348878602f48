package ca.idnum.auth.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page and the login page (the login POST itself is Spring Security's filter). */
@Controller
final class PageController {

  @GetMapping("/")
  String home() {
    return "index";
  }

  @GetMapping("/login")
  String login(HttpSession session, Model model) {
    Object email = session.getAttribute(CitizenLoginFailureHandler.LAST_EMAIL);
    session.removeAttribute(CitizenLoginFailureHandler.LAST_EMAIL);
    model.addAttribute("email", email instanceof String s ? s : "");
    return "login";
  }
}
