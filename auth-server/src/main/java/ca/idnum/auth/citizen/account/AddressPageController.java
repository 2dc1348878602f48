package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.InputError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The citizen's postal address page ({@code /account/address}): add, change or remove the address
 * released under the {@code address} scope.
 */
@Controller
final class AddressPageController {

  private final CitizenAccountRepository accounts;
  private final Clock clock;

  AddressPageController(CitizenAccountRepository accounts, ObjectProvider<Clock> clock) {
    this.accounts = accounts;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @GetMapping("/account/address")
  String form(
      Authentication authentication,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    model.addAttribute("form", AddressForm.of(account.get().address()));
    model.addAttribute("hasAddress", account.get().address().isPresent());
    return "account-address";
  }

  @PostMapping("/account/address")
  String save(
      Authentication authentication,
      @ModelAttribute("form") AddressForm form,
      BindingResult binding,
      Model model,
      RedirectAttributes redirect,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    AddressForm.Parsed parsed = form.parse();
    if (parsed instanceof AddressForm.Parsed.Rejected rejected) {
      rejected.errors().forEach(e -> reject(binding, e));
      model.addAttribute("hasAddress", account.get().address().isPresent());
      return "account-address";
    }
    accounts.updateAddress(
        account.get().id(),
        Optional.of(((AddressForm.Parsed.Valid) parsed).address()),
        clock.instant());
    redirect.addFlashAttribute("addressSaved", true);
    return "redirect:/account";
  }

  @PostMapping("/account/address/remove")
  String remove(
      Authentication authentication,
      RedirectAttributes redirect,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    accounts.updateAddress(account.get().id(), Optional.empty(), clock.instant());
    redirect.addFlashAttribute("addressRemoved", true);
    return "redirect:/account";
  }

  private static void reject(BindingResult binding, InputError error) {
    binding.rejectValue(error.field(), error.code(), error.args().toArray(), null);
  }

  private Optional<CitizenAccount> activeAccount(Authentication authentication) {
    try {
      return accounts
          .findById(CitizenId.parse(authentication.getName()))
          .filter(CitizenAccount::active);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String endSession(
      Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    new SecurityContextLogoutHandler().logout(request, response, authentication);
    return "redirect:/login";
  }
}
