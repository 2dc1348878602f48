package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
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
 * The identity proofing page ({@code /account/identity}): a citizen not yet verified types names,
 * birth date and a health-insurance or driver's licence number, checked against the register; a
 * verified citizen sees the verified identity read-only, with its source and date, and is never
 * asked again. A register that gives no answer shows "try again later" ({@code 503}); a locked
 * proofing shows until when ({@code 429}).
 */
@Controller
final class IdentityProofingController {

  static final String PAGE = "account-identity";
  static final String UNAVAILABLE_PAGE = "account-identity-unavailable";

  private final IdentityProofing proofing;
  private final CitizenAccountRepository accounts;

  IdentityProofingController(IdentityProofing proofing, CitizenAccountRepository accounts) {
    this.proofing = proofing;
    this.accounts = accounts;
  }

  @GetMapping("/account/identity")
  String page(
      Authentication authentication,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    CitizenAccount citizen = account.get();
    Optional<VerifiedIdentity> verified = proofing.verified(citizen.id());
    if (verified.isPresent()) {
      model.addAttribute("verified", VerifiedIdentityView.of(verified.get(), locale));
      return PAGE;
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", ProofingForm.prefilled(citizen.givenName(), citizen.familyName()));
    }
    proofing
        .lockedUntil(citizen.id())
        .ifPresent(until -> model.addAttribute("lockedUntil", text(until, locale)));
    model.addAttribute("registerName", proofing.registerName().orElse(""));
    return PAGE;
  }

  @PostMapping("/account/identity")
  String prove(
      Authentication authentication,
      @ModelAttribute("form") ProofingForm form,
      BindingResult binding,
      Model model,
      Locale locale,
      RedirectAttributes redirect,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    CitizenId citizen = account.get().id();
    model.addAttribute("registerName", proofing.registerName().orElse(""));
    ProofingForm.Parsed parsed = form.parse();
    if (parsed instanceof ProofingForm.Parsed.Rejected rejected) {
      if (proofing.verified(citizen).isPresent()) {
        return "redirect:/account/identity";
      }
      rejected.errors().forEach(e -> reject(binding, e));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return PAGE;
    }
    ProofingOutcome outcome =
        proofing.prove(citizen, ((ProofingForm.Parsed.Valid) parsed).request());
    if (outcome instanceof ProofingOutcome.Verified) {
      redirect.addFlashAttribute("proofingSucceeded", true);
      return "redirect:/account/identity";
    }
    if (outcome instanceof ProofingOutcome.AlreadyVerified) {
      return "redirect:/account/identity";
    }
    if (outcome instanceof ProofingOutcome.NotMatched notMatched) {
      model.addAttribute("attemptsLeft", notMatched.attemptsLeft());
      response.setStatus(422);
      return PAGE;
    }
    if (outcome instanceof ProofingOutcome.Locked locked) {
      model.addAttribute("lockedUntil", text(locked.until(), locale));
      response.setStatus(429);
      return PAGE;
    }
    if (outcome instanceof ProofingOutcome.IdentityInUse) {
      model.addAttribute("identityInUse", true);
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return PAGE;
    }
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "60");
    return UNAVAILABLE_PAGE;
  }

  private static String text(Instant instant, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(locale)
        .format(instant.atZone(VerifiedIdentityView.ZONE));
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
