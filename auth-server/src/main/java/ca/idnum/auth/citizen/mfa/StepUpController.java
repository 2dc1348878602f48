package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.assurance.StepUp;
import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.login.LoginThrottle;
import ca.idnum.auth.oidc.token.AuthenticationContext;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Step-up: a signed-in citizen gives the factor the requested level is missing — only that one (the
 * password is not asked again). Level 3 needs a passkey; level 2 a TOTP code (or a recovery code)
 * or a passkey. On success the factor is added to the session, {@code login.step_up} is audited,
 * and the authorization request that asked resumes.
 */
@Controller
final class StepUpController {

  static final String PENDING = StepUpController.class.getName() + ".passkey";

  private final TotpAuthenticators totp;
  private final RecoveryCodes recoveryCodes;
  private final Passkeys passkeys;
  private final PasskeyCeremonies ceremonies;
  private final SessionFactors factors;
  private final AuditLog audit;
  private final Clock clock;
  private final LoginThrottle throttle;

  StepUpController(
      TotpAuthenticators totp,
      RecoveryCodes recoveryCodes,
      Passkeys passkeys,
      PasskeyCeremonies ceremonies,
      SessionFactors factors,
      AuditLog audit,
      Clock clock,
      LoginThrottle throttle) {
    this.throttle = throttle;
    this.totp = totp;
    this.recoveryCodes = recoveryCodes;
    this.passkeys = passkeys;
    this.ceremonies = ceremonies;
    this.factors = factors;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/login/step-up")
  String stepUp(Authentication authentication, HttpServletRequest request) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    LevelOfAssurance level =
        StepUp.current(request).map(StepUp::level).orElse(LevelOfAssurance.LOA2);
    boolean hasPasskey = passkeys.any(citizen);
    if (level == LevelOfAssurance.LOA3 || (hasPasskey && !totp.enrolled(citizen))) {
      return hasPasskey ? "redirect:/login/passkey" : "redirect:/account/security";
    }
    return totp.enrolled(citizen) ? "redirect:/login/totp" : "redirect:/account/security";
  }

  @GetMapping("/login/totp")
  String totpForm(Authentication authentication, HttpServletRequest request, Model model) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    if (!totp.enrolled(citizen)) {
      return "redirect:/login/step-up";
    }
    model.addAttribute("passkeyOffered", offerPasskey(citizen, request));
    return "login-totp";
  }

  @PostMapping("/login/totp")
  String verifyTotp(
      Authentication authentication,
      @RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    if (!permitted(citizen, request)) {
      model.addAttribute("locked", true);
      model.addAttribute("passkeyOffered", offerPasskey(citizen, request));
      return "login-totp";
    }
    if (code.length() <= 12 && totp.verify(citizen, code)) {
      return done(request, response, citizen, AuthenticationContext.TOTP_AUTHORITY, "totp");
    }
    failed(citizen, "totp", request);
    model.addAttribute("codeError", true);
    model.addAttribute("passkeyOffered", offerPasskey(citizen, request));
    return "login-totp";
  }

  @PostMapping("/login/recovery-code")
  String useRecoveryCode(
      Authentication authentication,
      @RequestParam(name = "recovery_code", defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    if (!permitted(citizen, request)) {
      model.addAttribute("locked", true);
      model.addAttribute("passkeyOffered", offerPasskey(citizen, request));
      return "login-totp";
    }
    if (recoveryCodes.use(citizen, code)) {
      audit.record(
          new AuditEvent(
              "recovery_code.used",
              clock.instant(),
              citizen.toString(),
              null,
              Map.of("remaining", Integer.toString(recoveryCodes.remaining(citizen)))));
      return done(request, response, citizen, AuthenticationContext.TOTP_AUTHORITY, "recovery");
    }
    failed(citizen, "recovery", request);
    model.addAttribute("recoveryError", true);
    model.addAttribute("passkeyOffered", offerPasskey(citizen, request));
    return "login-totp";
  }

  @GetMapping("/login/passkey")
  String passkeyForm(Authentication authentication, Model model) {
    if (!passkeys.any(CitizenId.parse(authentication.getName()))) {
      return "redirect:/login/step-up";
    }
    model.addAttribute("mode", "get");
    model.addAttribute("optionsUrl", "/login/passkey/options");
    model.addAttribute("finishUrl", "/login/passkey");
    return "mfa-passkey";
  }

  @PostMapping(path = "/login/passkey/options", produces = "application/json")
  @ResponseBody
  ResponseEntity<String> passkeyOptions(Authentication authentication, HttpServletRequest request) {
    PasskeyCeremonies.Challenge challenge = ceremonies.newChallenge();
    request.getSession(true).setAttribute(PENDING, challenge);
    return JsonAnswers.ok(
        ceremonies.authenticationOptions(CitizenId.parse(authentication.getName()), challenge));
  }

  @PostMapping(
      path = "/login/passkey",
      consumes = "application/json",
      produces = "application/json")
  @ResponseBody
  ResponseEntity<String> verifyPasskey(
      Authentication authentication,
      @RequestBody(required = false) String body,
      HttpServletRequest request,
      HttpServletResponse response) {
    CitizenId citizen = CitizenId.parse(authentication.getName());
    if (!permitted(citizen, request)) {
      return JsonAnswers.error(
          HttpStatus.TOO_MANY_REQUESTS, "temporarily_unavailable", "too many attempts");
    }
    PasskeyCeremonies.Challenge challenge = JsonAnswers.takeChallenge(request, PENDING);
    JsonAnswers.Credential credential = JsonAnswers.credential(body);
    if (credential == null) {
      return JsonAnswers.error(HttpStatus.BAD_REQUEST, "invalid_request", "malformed body");
    }
    Passkey passkey;
    try {
      passkey = ceremonies.authenticate(citizen, credential.json(), challenge);
    } catch (PasskeyCeremonies.CeremonyFailed e) {
      failed(citizen, "passkey", request);
      return JsonAnswers.error(
          HttpStatus.BAD_REQUEST, "invalid_request", "the passkey could not be verified");
    }
    String factor =
        passkey.synced()
            ? AuthenticationContext.SYNCED_PASSKEY_AUTHORITY
            : FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
    String next =
        done(request, response, citizen, factor, "passkey").substring("redirect:".length());
    return JsonAnswers.ok(
        com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("redirect", next)));
  }

  private String done(
      HttpServletRequest request,
      HttpServletResponse response,
      CitizenId citizen,
      String factor,
      String method) {
    Optional<StepUp> stepUp = StepUp.current(request);
    StepUp.clear(request);
    throttle.clear(throttleKey(citizen));
    factors.add(request, response, factor);
    audit.record(
        new AuditEvent(
            AuditTypes.LOGIN_STEP_UP,
            clock.instant(),
            citizen.toString(),
            stepUp.map(StepUp::clientId).orElse(null),
            Map.of(
                "method", method, "requested", stepUp.map(s -> s.level().uri()).orElse("none"))));
    return "redirect:" + stepUp.map(StepUp::resumeUrl).orElse("/account");
  }

  /**
   * Second factors share the login throttle (per account and per address): a few wrong codes lock
   * the step-up for a while, so that a six-digit code cannot be guessed.
   */
  private boolean permitted(CitizenId citizen, HttpServletRequest request) {
    return throttle.permits(throttleKey(citizen), request.getRemoteAddr());
  }

  private static String throttleKey(CitizenId citizen) {
    return "second-factor:" + citizen;
  }

  private void failed(CitizenId citizen, String method, HttpServletRequest request) {
    throttle.recordFailure(throttleKey(citizen), request.getRemoteAddr());
    audit.record(
        new AuditEvent(
            "login.step_up_failed",
            clock.instant(),
            citizen.toString(),
            null,
            Map.of("method", method)));
  }

  private boolean offerPasskey(CitizenId citizen, HttpServletRequest request) {
    return passkeys.any(citizen);
  }
}
