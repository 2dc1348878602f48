package ca.idnum.auth.organisation;

import ca.idnum.auth.assurance.AssuranceLevels;
import ca.idnum.auth.assurance.StepUp;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/organisations}: the organisations a citizen represents, and for an administrator
 * the representatives, with forms to add (by e-mail address) and remove them. Changes need level 2,
 * as for mandates.
 */
@Controller
final class OrganisationPagesController {

  /** One organisation as the page shows it. */
  record OrganisationView(
      String id,
      String neq,
      String name,
      String role,
      boolean administrator,
      List<RepresentativeView> representatives) {}

  /** One representative as an administrator sees it. */
  record RepresentativeView(String email, String role) {}

  private final Organisations organisations;
  private final CitizenAccountRepository accounts;
  private final AssuranceLevels levels;

  OrganisationPagesController(
      Organisations organisations, CitizenAccountRepository accounts, AssuranceLevels levels) {
    this.organisations = organisations;
    this.accounts = accounts;
    this.levels = levels;
  }

  @GetMapping("/account/organisations")
  String list(Authentication authentication, Model model) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    model.addAttribute(
        "organisations",
        organisations.memberships(account.get()).stream()
            .map(
                m -> {
                  boolean admin = m.role() == Role.ADMINISTRATOR;
                  return new OrganisationView(
                      m.organisation().id(),
                      m.organisation().neq().value(),
                      m.organisation().name(),
                      m.role().name().toLowerCase(Locale.ROOT),
                      admin,
                      admin
                          ? organisations.representatives(m.organisation().id()).stream()
                              .map(
                                  r ->
                                      new RepresentativeView(
                                          r.email(), r.role().name().toLowerCase(Locale.ROOT)))
                              .toList()
                          : List.of());
                })
            .toList());
    return "account-organisations";
  }

  @PostMapping("/account/organisations/{id}/representatives")
  String add(
      Authentication authentication,
      @PathVariable String id,
      @RequestParam(name = "email", defaultValue = "") String email,
      @RequestParam(name = "role", defaultValue = "REPRESENTATIVE") String role,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    Optional<String> below = belowLevelTwo(authentication, account.get(), request);
    if (below.isPresent()) {
      return below.get();
    }
    Optional<EmailAddress> address =
        email.length() > EmailAddress.MAX_LENGTH
            ? Optional.empty()
            : EmailAddress.parse(email.strip());
    Role chosen = "ADMINISTRATOR".equals(role) ? Role.ADMINISTRATOR : Role.REPRESENTATIVE;
    if (address.isEmpty()) {
      redirect.addFlashAttribute("notice", "organisation.error.email");
      return "redirect:/account/organisations";
    }
    Optional<Organisations.Refusal> refusal =
        organisations.add(account.get(), id, address.get(), chosen);
    redirect.addFlashAttribute(
        "notice",
        refusal
            .map(r -> "organisation.refused." + r.name().toLowerCase(Locale.ROOT))
            .orElse("organisation.added"));
    return "redirect:/account/organisations";
  }

  @PostMapping("/account/organisations/{id}/representatives/remove")
  String remove(
      Authentication authentication,
      @PathVariable String id,
      @RequestParam(name = "email", defaultValue = "") String email,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    Optional<String> below = belowLevelTwo(authentication, account.get(), request);
    if (below.isPresent()) {
      return below.get();
    }
    Optional<EmailAddress> address =
        email.length() > EmailAddress.MAX_LENGTH ? Optional.empty() : EmailAddress.parse(email);
    Optional<Organisations.Refusal> refusal =
        address.isEmpty()
            ? Optional.of(Organisations.Refusal.NOT_REPRESENTATIVE)
            : organisations.remove(account.get(), id, address.get());
    redirect.addFlashAttribute(
        "notice",
        refusal
            .map(r -> "organisation.refused." + r.name().toLowerCase(Locale.ROOT))
            .orElse("organisation.removed"));
    return "redirect:/account/organisations";
  }

  private Optional<String> belowLevelTwo(
      Authentication authentication, CitizenAccount account, HttpServletRequest request) {
    if (levels.achieved(authentication).satisfies(LevelOfAssurance.LOA2)) {
      return Optional.empty();
    }
    if (levels.reachable(account.id(), LevelOfAssurance.LOA2)) {
      new StepUp(LevelOfAssurance.LOA2, "/account/organisations", null).save(request);
      return Optional.of("redirect:/login/step-up");
    }
    return Optional.of("account-mandates-level");
  }

  private Optional<CitizenAccount> account(Authentication authentication) {
    try {
      return accounts
          .findById(CitizenId.parse(authentication.getName()))
          .filter(CitizenAccount::active);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
