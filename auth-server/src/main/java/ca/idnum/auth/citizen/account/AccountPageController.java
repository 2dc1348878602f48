package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.AuthorizedPublicBodies;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.session.AccountActivity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The citizen's account page: profile, the public bodies the citizen authorized (each revocable),
 * open sessions (each can be signed out), the access log, and sign-out.
 */
@Controller
final class AccountPageController {

  /** Dates on the account page are shown in Quebec's time zone. */
  static final ZoneId ZONE = ZoneId.of("America/Toronto");

  /** One authorized public body as the page shows it. */
  record AuthorizedBody(
      String clientId,
      String clientName,
      String sector,
      List<String> scopes,
      String grantedAt,
      String grantedAtText) {

    AuthorizedBody {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientName, "clientName");
      scopes = List.copyOf(scopes);
    }

    static AuthorizedBody of(AuthorizedPublicBodies.Authorization authorization, Locale locale) {
      Instant at = authorization.grantedAt();
      return new AuthorizedBody(
          authorization.clientId(),
          authorization.clientName(),
          authorization.sector(),
          authorization.scopes(),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(ZONE)),
          DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
              .withLocale(locale)
              .format(at.atZone(ZONE)));
    }
  }

  private final CitizenAccountRepository accounts;
  private final AuthorizedPublicBodies authorizedBodies;
  private final AccountActivity activity;
  private final ca.idnum.auth.mandate.OrganisationDelegations organisations;

  AccountPageController(
      CitizenAccountRepository accounts,
      AuthorizedPublicBodies authorizedBodies,
      AccountActivity activity,
      ca.idnum.auth.mandate.OrganisationDelegations organisations) {
    this.organisations = organisations;
    this.accounts = accounts;
    this.authorizedBodies = authorizedBodies;
    this.activity = activity;
  }

  @GetMapping("/account")
  String account(
      Authentication authentication,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    model.addAttribute("account", account.get());
    model.addAttribute(
        "authorizedBodies",
        authorizedBodies.of(account.get().id()).stream()
            .map(a -> AuthorizedBody.of(a, locale))
            .toList());
    String citizen = account.get().id().toString();
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    model.addAttribute(
        "sessions", activity.sessions(citizen, session == null ? null : session.getId(), locale));
    model.addAttribute("accessLog", activity.accessLog(citizen, locale));
    model.addAttribute(
        "delegationLog",
        activity.delegationLog(
            citizen,
            locale,
            id -> {
              try {
                // a citizen, or an organisation the citizen acted for
                return accounts
                    .findById(CitizenId.parse(id))
                    .map(a -> a.givenName() + " " + a.familyName())
                    .or(() -> organisations.find(id).map(o -> o.name()))
                    .orElse("?");
              } catch (IllegalArgumentException e) {
                return "?";
              }
            }));
    return "account";
  }

  /**
   * Withdraws the citizen's consent to one public body; its next authorization request asks again.
   */
  @PostMapping("/account/consents/revoke")
  String revokeConsent(
      Authentication authentication,
      @RequestParam(name = "client_id") String clientId,
      RedirectAttributes redirect,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<CitizenAccount> account = activeAccount(authentication);
    if (account.isEmpty()) {
      return endSession(authentication, request, response);
    }
    if (clientId.length() <= 100) {
      Optional<AuthorizedPublicBodies.Authorization> revoked =
          authorizedBodies.of(account.get().id()).stream()
              .filter(a -> a.clientId().equals(clientId))
              .findFirst();
      if (revoked.isPresent() && authorizedBodies.revoke(account.get().id(), clientId)) {
        redirect.addFlashAttribute("revokedBody", revoked.get().clientName());
      }
    }
    return "redirect:/account";
  }

  private Optional<CitizenAccount> activeAccount(Authentication authentication) {
    return citizenId(authentication).flatMap(accounts::findById).filter(CitizenAccount::active);
  }

  /** The account was disabled or removed since login: end the session. */
  private static String endSession(
      Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    new SecurityContextLogoutHandler().logout(request, response, authentication);
    return "redirect:/login";
  }

  private static Optional<CitizenId> citizenId(Authentication authentication) {
    try {
      return Optional.of(CitizenId.parse(authentication.getName()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
