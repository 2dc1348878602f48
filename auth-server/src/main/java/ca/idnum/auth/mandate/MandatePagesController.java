package ca.idnum.auth.mandate;

import ca.idnum.auth.assurance.AssuranceLevels;
import ca.idnum.auth.assurance.StepUp;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.client.OidcClient;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Mandate pages under {@code /account/mandates}: the mandates a citizen gave and received, the form
 * to give one, accept, refuse and end; and the "act for" choice ({@code /account/act-for}) of an
 * authorization request. Giving, accepting and ending need level 2 (verified identity and two
 * factors): a citizen below it is stepped up first, or told how to reach it.
 */
@Controller
final class MandatePagesController {

  static final int MAX_YEARS = 5;

  /** One mandate as the pages show it. */
  record MandateView(
      String id,
      String other,
      List<String> bodies,
      List<String> sectors,
      List<String> scopes,
      String startsOn,
      String startsOnText,
      String endsOn,
      String endsOnText,
      String status,
      boolean canAccept,
      boolean canEnd) {}

  /** One principal the citizen may act for. */
  record Option(String mandateId, String principalName) {}

  private final Mandates mandates;
  private final CitizenAccountRepository accounts;
  private final ClientDelegation delegation;
  private final JdbcOidcClients clients;
  private final AssuranceLevels levels;
  private final OrganisationDelegations organisations;

  MandatePagesController(
      Mandates mandates,
      CitizenAccountRepository accounts,
      ClientDelegation delegation,
      JdbcOidcClients clients,
      AssuranceLevels levels,
      OrganisationDelegations organisations) {
    this.organisations = organisations;
    this.mandates = mandates;
    this.accounts = accounts;
    this.delegation = delegation;
    this.clients = clients;
    this.levels = levels;
  }

  @GetMapping("/account/mandates")
  String list(Authentication authentication, Model model, Locale locale) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    LocalDate today = mandates.today();
    model.addAttribute(
        "given",
        mandates.givenBy(account.get().id()).stream()
            .map(m -> view(m, true, today, locale))
            .toList());
    model.addAttribute(
        "received",
        mandates.receivedBy(account.get()).stream()
            .map(m -> view(m, false, today, locale))
            .toList());
    model.addAttribute(
        "levelTwo", levels.achieved(authentication).satisfies(LevelOfAssurance.LOA2));
    return "account-mandates";
  }

  @GetMapping("/account/mandates/new")
  String form(Authentication authentication, HttpServletRequest request, Model model) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    Optional<String> below =
        belowLevelTwo(authentication, account.get(), request, "/account/mandates/new");
    if (below.isPresent()) {
      return below.get();
    }
    MandateForm form = new MandateForm();
    form.setStartsOn(mandates.today().toString());
    form.setEndsOn(mandates.today().plusYears(1).toString());
    return showForm(form, model);
  }

  @PostMapping("/account/mandates")
  String propose(
      Authentication authentication,
      @ModelAttribute("form") MandateForm form,
      BindingResult errors,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    Optional<String> below =
        belowLevelTwo(authentication, account.get(), request, "/account/mandates/new");
    if (below.isPresent()) {
      return below.get();
    }
    Optional<Mandates.Proposal> proposal = validate(form, errors, account.get());
    if (proposal.isEmpty()) {
      return showForm(form, model);
    }
    mandates.propose(account.get(), proposal.get());
    redirect.addFlashAttribute("notice", "mandate.proposed");
    return "redirect:/account/mandates";
  }

  @PostMapping("/account/mandates/{id}/accept")
  String accept(
      Authentication authentication,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return act(
        authentication, request, redirect, true, "mandate.accepted", a -> mandates.accept(a, id));
  }

  /** Refusing gives nothing away: no level required. */
  @PostMapping("/account/mandates/{id}/refuse")
  String refuse(
      Authentication authentication,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return act(
        authentication, request, redirect, false, "mandate.refused", a -> mandates.refuse(a, id));
  }

  @PostMapping("/account/mandates/{id}/end")
  String end(
      Authentication authentication,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    return act(authentication, request, redirect, true, "mandate.ended", a -> mandates.end(a, id));
  }

  @GetMapping("/account/act-for")
  String actFor(Authentication authentication, HttpServletRequest request, Model model) {
    Optional<CitizenAccount> account = account(authentication);
    Optional<ActFor.Pending> pending = ActFor.pending(request);
    if (account.isEmpty() || pending.isEmpty()) {
      return "redirect:/account";
    }
    Optional<OidcClient> client = clients.findByClientId(pending.get().clientId());
    if (client.isEmpty()) {
      return "redirect:/account";
    }
    model.addAttribute("clientName", client.get().clientName());
    model.addAttribute("options", options(account.get(), client.get()));
    return "account-act-for";
  }

  @PostMapping("/account/act-for")
  String chooseActFor(
      Authentication authentication,
      @RequestParam(name = "choice", defaultValue = "") String choice,
      HttpServletRequest request) {
    Optional<CitizenAccount> account = account(authentication);
    Optional<ActFor.Pending> pending = ActFor.pending(request);
    if (account.isEmpty() || pending.isEmpty() || choice.length() > 40) {
      return "redirect:/account";
    }
    Optional<OidcClient> client = clients.findByClientId(pending.get().clientId());
    if (client.isEmpty()) {
      return "redirect:/account";
    }
    String mandateId = null;
    if (!"self".equals(choice)) {
      boolean allowed =
          options(account.get(), client.get()).stream().anyMatch(o -> o.mandateId().equals(choice));
      if (!allowed) {
        return "redirect:/account/act-for";
      }
      mandateId = choice;
    }
    HttpSession session = request.getSession();
    session.removeAttribute(ActFor.PENDING);
    session.setAttribute(ActFor.CHOSEN, new ActFor.Chosen(pending.get().requestKey(), mandateId));
    return "redirect:" + pending.get().resumeUrl();
  }

  /** Whom the citizen may act for at the client: principals, then organisations. */
  private List<Option> options(CitizenAccount account, OidcClient client) {
    ClientDelegation.Setting setting = delegation.of(client.clientId());
    List<Option> options = new java.util.ArrayList<>();
    if (setting.delegatedSessions()) {
      mandates.activeFor(account.id(), client.clientId(), client.sectorIdentifier()).stream()
          .map(m -> new Option(m.id(), name(m.principal())))
          .forEach(options::add);
    }
    if (setting.organisations()) {
      organisations.representedBy(account.id()).stream()
          .map(
              o ->
                  new Option(
                      ActFor.organisationChoice(o.organisationId()),
                      o.name() + " (NEQ " + o.neq() + ")"))
          .forEach(options::add);
    }
    return options;
  }

  // ------------------------------------------------------------------------------------------

  private String act(
      Authentication authentication,
      HttpServletRequest request,
      RedirectAttributes redirect,
      boolean needsLevelTwo,
      String notice,
      java.util.function.Predicate<CitizenAccount> action) {
    Optional<CitizenAccount> account = account(authentication);
    if (account.isEmpty()) {
      return "redirect:/login";
    }
    if (needsLevelTwo) {
      Optional<String> below =
          belowLevelTwo(authentication, account.get(), request, "/account/mandates");
      if (below.isPresent()) {
        return below.get();
      }
    }
    redirect.addFlashAttribute("notice", action.test(account.get()) ? notice : "mandate.unchanged");
    return "redirect:/account/mandates";
  }

  /**
   * Empty at level 2; else the step-up (the citizen can reach level 2: it resumes at {@code
   * resume}) or the page that explains how to reach it.
   */
  private Optional<String> belowLevelTwo(
      Authentication authentication,
      CitizenAccount account,
      HttpServletRequest request,
      String resume) {
    if (levels.achieved(authentication).satisfies(LevelOfAssurance.LOA2)) {
      return Optional.empty();
    }
    if (levels.reachable(account.id(), LevelOfAssurance.LOA2)) {
      new StepUp(LevelOfAssurance.LOA2, resume, null).save(request);
      return Optional.of("redirect:/login/step-up");
    }
    return Optional.of("account-mandates-level");
  }

  private String showForm(MandateForm form, Model model) {
    List<ClientDelegation.Body> bodies = delegation.accepting();
    model.addAttribute("form", form);
    model.addAttribute("bodies", bodies);
    model.addAttribute(
        "sectorOptions",
        new TreeSet<>(bodies.stream().map(ClientDelegation.Body::sector).toList()));
    model.addAttribute("scopeOptions", scopeOptions());
    return "account-mandate-new";
  }

  private static List<String> scopeOptions() {
    return ScopeCatalog.citizenScopes().stream().filter(s -> !"openid".equals(s)).toList();
  }

  private Optional<Mandates.Proposal> validate(
      MandateForm form, BindingResult errors, CitizenAccount principal) {
    Optional<EmailAddress> email =
        form.getEmail().length() > EmailAddress.MAX_LENGTH
            ? Optional.empty()
            : EmailAddress.parse(form.getEmail().trim());
    if (email.isEmpty()) {
      errors.rejectValue("email", "mandate.error.email");
    } else if (email.get().normalized().equals(principal.email().normalized())) {
      errors.rejectValue("email", "mandate.error.self");
    }
    List<ClientDelegation.Body> bodies = delegation.accepting();
    Set<String> clientIds = new LinkedHashSet<>();
    Set<String> sectors = new LinkedHashSet<>();
    for (String c : form.getClients()) {
      if (bodies.stream().anyMatch(b -> b.clientId().equals(c))) {
        clientIds.add(c);
      }
    }
    for (String s : form.getSectors()) {
      if (bodies.stream().anyMatch(b -> b.sector().equals(s))) {
        sectors.add(s);
      }
    }
    if (clientIds.isEmpty() && sectors.isEmpty()) {
      errors.rejectValue("clients", "mandate.error.bodies");
    }
    Set<String> scopes = new TreeSet<>();
    for (String s : form.getScopes()) {
      if (scopeOptions().contains(s)) {
        scopes.add(s);
      }
    }
    if (scopes.isEmpty()) {
      errors.rejectValue("scopes", "mandate.error.scopes");
    }
    LocalDate today = mandates.today();
    LocalDate start = date(form.getStartsOn());
    LocalDate end = date(form.getEndsOn());
    if (start == null || start.isBefore(today)) {
      errors.rejectValue("startsOn", "mandate.error.startsOn");
    }
    if (end == null
        || (start != null && end.isBefore(start))
        || end.isBefore(today)
        || (start != null && end.isAfter(start.plusYears(MAX_YEARS)))) {
      errors.rejectValue("endsOn", "mandate.error.endsOn", new Object[] {MAX_YEARS}, null);
    }
    if (!form.isConsent()) {
      errors.rejectValue("consent", "mandate.error.consent");
    }
    if (errors.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(
        new Mandates.Proposal(
            email.get(), List.copyOf(clientIds), List.copyOf(sectors), scopes, start, end));
  }

  private static LocalDate date(String text) {
    if (text == null || text.length() != 10) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private MandateView view(Mandate m, boolean given, LocalDate today, Locale locale) {
    Mandate.Status status = m.status(today);
    String other;
    if (given) {
      other = m.mandatary().map(this::name).orElse(m.mandataryEmail());
    } else {
      other = name(m.principal());
    }
    DateTimeFormatter text = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    List<String> bodies =
        m.clients().stream()
            .map(c -> clients.findByClientId(c).map(OidcClient::clientName).orElse(c))
            .toList();
    boolean open = m.state() == MandateState.PROPOSED || m.state() == MandateState.ACCEPTED;
    return new MandateView(
        m.id(),
        other,
        bodies,
        m.sectors(),
        List.copyOf(new TreeSet<>(m.scopes())),
        m.startsOn().toString(),
        text.format(m.startsOn()),
        m.endsOn().toString(),
        text.format(m.endsOn()),
        status.name().toLowerCase(Locale.ROOT),
        !given && status == Mandate.Status.PROPOSED,
        open && status != Mandate.Status.EXPIRED && (given || m.state() == MandateState.ACCEPTED));
  }

  private String name(CitizenId id) {
    return accounts.findById(id).map(a -> a.givenName() + " " + a.familyName()).orElse("?");
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
