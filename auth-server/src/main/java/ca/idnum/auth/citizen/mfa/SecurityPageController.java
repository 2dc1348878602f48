package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.AccountStatus;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.login.LoginThrottle;
import ca.idnum.auth.citizen.password.PasswordHasher;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The citizen's security page ({@code /account/security}): TOTP authenticator (enrolment with a QR
 * code and the manual key, removal), recovery codes (shown once), passkeys (registration, removal).
 * Every change requires a fresh password confirmation ({@link FreshAuthentication}), is notified to
 * the citizen ({@link AuthenticatorNotifier}) and audited ({@code authenticator.added} / {@code
 * authenticator.removed}).
 */
@Controller
final class SecurityPageController {

  static final String PENDING_TOTP = SecurityPageController.class.getName() + ".totp";
  static final String PENDING_PASSKEY = SecurityPageController.class.getName() + ".passkey";

  private final CitizenAccountRepository accounts;
  private final PasswordHasher hasher;
  private final TotpAuthenticators totp;
  private final RecoveryCodes recoveryCodes;
  private final Passkeys passkeys;
  private final PasskeyCeremonies ceremonies;
  private final FreshAuthentication fresh;
  private final AuthenticatorNotifier notifier;
  private final AuditLog audit;
  private final Clock clock;
  private final String totpIssuer;
  private final org.springframework.context.MessageSource messages;
  private final LoginThrottle throttle;

  SecurityPageController(
      CitizenAccountRepository accounts,
      PasswordHasher hasher,
      TotpAuthenticators totp,
      RecoveryCodes recoveryCodes,
      Passkeys passkeys,
      PasskeyCeremonies ceremonies,
      FreshAuthentication fresh,
      AuthenticatorNotifier notifier,
      AuditLog audit,
      Clock clock,
      org.springframework.context.MessageSource messages,
      LoginThrottle throttle,
      @org.springframework.beans.factory.annotation.Value("${idnum.mfa.totp-issuer:IdNum}")
          String totpIssuer) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.totp = totp;
    this.recoveryCodes = recoveryCodes;
    this.passkeys = passkeys;
    this.ceremonies = ceremonies;
    this.fresh = fresh;
    this.notifier = notifier;
    this.audit = audit;
    this.clock = clock;
    this.totpIssuer = totpIssuer;
    this.messages = messages;
    this.throttle = throttle;
  }

  @GetMapping("/account/security")
  String page(Authentication authentication, Model model) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    model.addAttribute("totpEnrolled", totp.enrolled(citizen));
    model.addAttribute("recoveryCodesLeft", recoveryCodes.remaining(citizen));
    model.addAttribute("passkeys", passkeys.of(citizen));
    return "account-security";
  }

  // --- fresh authentication -----------------------------------------------------------------

  @GetMapping("/account/security/confirm")
  String confirmForm(@RequestParam(name = "next", required = false) String next, Model model) {
    model.addAttribute("next", safeNext(next));
    model.addAttribute("minutes", fresh.window().toMinutes());
    return "mfa-confirm";
  }

  @PostMapping("/account/security/confirm")
  String confirm(
      Authentication authentication,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "next", required = false) String next,
      HttpServletRequest request,
      Model model) {
    Optional<CitizenAccount> account = account(authentication);
    // the same throttle as the login form, keyed the same way (the account's address)
    String key =
        account
            .map(
                a ->
                    ca.idnum.auth.citizen.login.ThrottlingAuthenticationProvider.accountKey(
                        a.email().value()))
            .orElse(authentication.getName());
    if (!throttle.permits(key, request.getRemoteAddr())) {
      model.addAttribute("next", safeNext(next));
      model.addAttribute("minutes", fresh.window().toMinutes());
      model.addAttribute("locked", true);
      return "mfa-confirm";
    }
    if (account.isPresent()
        && password.length() <= 1024
        && hasher.matches(password, account.get().passwordHash())) {
      throttle.clear(key);
      fresh.confirmed(request);
      return "redirect:" + safeNext(next);
    }
    throttle.recordFailure(key, request.getRemoteAddr());
    audit.record(
        new AuditEvent(
            "reauthentication.failed", clock.instant(), authentication.getName(), null, Map.of()));
    model.addAttribute("next", safeNext(next));
    model.addAttribute("minutes", fresh.window().toMinutes());
    model.addAttribute("wrongPassword", true);
    return "mfa-confirm";
  }

  // --- TOTP ------------------------------------------------------------------------------------

  @GetMapping("/account/security/totp")
  String totpForm(Authentication authentication, HttpServletRequest request, Model model) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security/totp";
    }
    TotpSecret secret = TotpSecret.generate();
    request.getSession(true).setAttribute(PENDING_TOTP, secret.base32());
    return totpPage(authentication, secret, model);
  }

  @PostMapping("/account/security/totp")
  String enrolTotp(
      Authentication authentication,
      @RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request,
      Model model) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security/totp";
    }
    HttpSession session = request.getSession(false);
    Object pending = session == null ? null : session.getAttribute(PENDING_TOTP);
    if (!(pending instanceof String base32)) {
      return "redirect:/account/security/totp";
    }
    TotpSecret secret = TotpSecret.fromBase32(base32);
    if (Totp.matchingStep(secret, code, clock.instant()).isEmpty()) {
      model.addAttribute("codeError", true);
      return totpPage(authentication, secret, model);
    }
    session.removeAttribute(PENDING_TOTP);
    CitizenAccount account = account(authentication).orElseThrow();
    totp.enrol(account.id(), secret);
    List<String> codes = recoveryCodes.regenerate(account.id());
    changed(account, AuthenticatorNotifier.Change.TOTP_ADDED, "authenticator.added", "totp");
    model.addAttribute("codes", codes.stream().map(RecoveryCodes::display).toList());
    return "mfa-recovery-codes";
  }

  @PostMapping("/account/security/totp/remove")
  String removeTotp(
      Authentication authentication, HttpServletRequest request, RedirectAttributes redirect) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security";
    }
    CitizenAccount account = account(authentication).orElseThrow();
    if (totp.remove(account.id())) {
      recoveryCodes.remove(account.id());
      changed(account, AuthenticatorNotifier.Change.TOTP_REMOVED, "authenticator.removed", "totp");
      redirect.addFlashAttribute("removed", true);
    }
    return "redirect:/account/security";
  }

  @PostMapping("/account/security/recovery-codes")
  String renewRecoveryCodes(
      Authentication authentication, HttpServletRequest request, Model model) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security";
    }
    CitizenAccount account = account(authentication).orElseThrow();
    if (!totp.enrolled(account.id())) {
      return "redirect:/account/security";
    }
    List<String> codes = recoveryCodes.regenerate(account.id());
    notifier.notify(account, AuthenticatorNotifier.Change.RECOVERY_CODES_RENEWED);
    audit.record(
        new AuditEvent(
            "authenticator.added",
            clock.instant(),
            account.id().toString(),
            null,
            Map.of("type", "recovery_codes")));
    model.addAttribute("codes", codes.stream().map(RecoveryCodes::display).toList());
    return "mfa-recovery-codes";
  }

  // --- passkeys --------------------------------------------------------------------------------

  @GetMapping("/account/security/passkey")
  String passkeyForm(HttpServletRequest request, Model model) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security/passkey";
    }
    model.addAttribute("mode", "create");
    model.addAttribute("optionsUrl", "/account/security/passkey/options");
    model.addAttribute("finishUrl", "/account/security/passkey");
    return "mfa-passkey";
  }

  @PostMapping(path = "/account/security/passkey/options", produces = "application/json")
  @ResponseBody
  ResponseEntity<String> passkeyOptions(Authentication authentication, HttpServletRequest request) {
    if (!fresh.isFresh(request)) {
      return JsonAnswers.error(HttpStatus.FORBIDDEN, "access_denied", "confirm your password");
    }
    CitizenAccount account = account(authentication).orElseThrow();
    PasskeyCeremonies.Challenge challenge = ceremonies.newChallenge();
    request.getSession(true).setAttribute(PENDING_PASSKEY, challenge);
    return JsonAnswers.ok(
        ceremonies.registrationOptions(account.id(), account.email().value(), challenge));
  }

  @PostMapping(
      path = "/account/security/passkey",
      consumes = "application/json",
      produces = "application/json")
  @ResponseBody
  ResponseEntity<String> registerPasskey(
      Authentication authentication,
      @RequestBody(required = false) String body,
      HttpServletRequest request) {
    if (!fresh.isFresh(request)) {
      return JsonAnswers.error(HttpStatus.FORBIDDEN, "access_denied", "confirm your password");
    }
    PasskeyCeremonies.Challenge challenge = JsonAnswers.takeChallenge(request, PENDING_PASSKEY);
    JsonAnswers.Credential credential = JsonAnswers.credential(body);
    if (credential == null) {
      return JsonAnswers.error(HttpStatus.BAD_REQUEST, "invalid_request", "malformed body");
    }
    CitizenAccount account = account(authentication).orElseThrow();
    String label =
        credential.label() == null || credential.label().isBlank()
            ? "Passkey"
            : credential.label().strip();
    if (label.length() > 100) {
      return JsonAnswers.error(HttpStatus.BAD_REQUEST, "invalid_request", "label too long");
    }
    try {
      ceremonies.register(account.id(), label, credential.json(), challenge);
    } catch (PasskeyCeremonies.CeremonyFailed e) {
      return JsonAnswers.error(
          HttpStatus.BAD_REQUEST, "invalid_request", "the passkey could not be registered");
    }
    changed(account, AuthenticatorNotifier.Change.PASSKEY_ADDED, "authenticator.added", "passkey");
    return JsonAnswers.ok("{\"redirect\":\"/account/security\"}");
  }

  @PostMapping("/account/security/passkey/remove")
  String removePasskey(
      Authentication authentication,
      @RequestParam(name = "credential_id", defaultValue = "") String credentialId,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    if (!fresh.isFresh(request)) {
      return "redirect:/account/security/confirm?next=/account/security";
    }
    CitizenAccount account = account(authentication).orElseThrow();
    if (passkeys.remove(account.id(), credentialId)) {
      changed(
          account,
          AuthenticatorNotifier.Change.PASSKEY_REMOVED,
          "authenticator.removed",
          "passkey");
      redirect.addFlashAttribute("removed", true);
    }
    return "redirect:/account/security";
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String totpPage(Authentication authentication, TotpSecret secret, Model model) {
    CitizenAccount account = account(authentication).orElseThrow();
    String uri = Totp.otpauthUri(secret, totpIssuer, account.email().value());
    String qrLabel =
        messages.getMessage(
            "totp.qr", null, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    model.addAttribute("qrSvg", QrCode.svg(uri, qrLabel));
    model.addAttribute("manualKey", secret.grouped());
    model.addAttribute("otpauthUri", uri);
    return "mfa-totp";
  }

  private void changed(
      CitizenAccount account, AuthenticatorNotifier.Change change, String event, String type) {
    notifier.notify(account, change);
    audit.record(
        new AuditEvent(
            event, clock.instant(), account.id().toString(), null, Map.of("type", type)));
  }

  private Optional<CitizenAccount> account(Authentication authentication) {
    return accounts
        .findById(CitizenId.parse(authentication.getName()))
        .filter(a -> a.status() == AccountStatus.ACTIVE);
  }

  /** Only the security pages are valid places to go back to. */
  static String safeNext(String next) {
    if (next != null && next.matches("/account/security(/totp|/passkey)?")) {
      return next;
    }
    return "/account/security";
  }
}
