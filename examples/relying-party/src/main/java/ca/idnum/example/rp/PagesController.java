package ca.idnum.example.rp;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page (log-in button) and the profile page (what IdNum told us about the citizen). */
@Controller
final class PagesController {

  @GetMapping("/")
  String home() {
    return "home";
  }

  @GetMapping("/profile")
  String profile(@AuthenticationPrincipal OidcUser user, Model model) {
    Map<String, Object> claims = new TreeMap<>(user.getClaims());
    model.addAttribute("claims", claims);
    model.addAttribute("subject", user.getSubject());
    return "profile";
  }
}
