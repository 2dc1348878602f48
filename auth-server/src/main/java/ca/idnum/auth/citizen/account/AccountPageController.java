package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The citizen's account page: profile and sign-out. */
@Controller
final class AccountPageController {

  private final CitizenAccountRepository accounts;

  AccountPageController(CitizenAccountRepository accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/account")
  String account(
      Authentication authentication,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account =
        citizenId(authentication).flatMap(accounts::findById).filter(CitizenAccount::active);
    if (account.isEmpty()) {
      // The account was disabled or removed since login: end the session.
      new SecurityContextLogoutHandler().logout(request, response, authentication);
      return "redirect:/login";
    }
    model.addAttribute("account", account.get());
    return "account";
  }

  private static Optional<CitizenId> citizenId(Authentication authentication) {
    try {
      return Optional.of(CitizenId.parse(authentication.getName()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
