package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.InputError;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The registration and code verification pages (HTTP only; logic in RegistrationService). */
@Controller
final class RegistrationController {

  static final String PENDING_EMAIL = "idnum.registration.email";

  private final RegistrationService registrations;

  RegistrationController(RegistrationService registrations) {
    this.registrations = registrations;
  }

  @GetMapping("/register")
  String form(@ModelAttribute("form") RegistrationForm form) {
    return "register";
  }

  @PostMapping("/register")
  String register(
      @ModelAttribute("form") RegistrationForm form,
      BindingResult binding,
      Locale locale,
      HttpSession session) {
    RegistrationResult result = registrations.register(form.toRequest(), locale);
    form.setPassword("");
    if (result instanceof RegistrationResult.CodeSent sent) {
      session.setAttribute(PENDING_EMAIL, sent.email().value());
      return "redirect:/register/verify";
    }
    ((RegistrationResult.Rejected) result).errors().forEach(e -> reject(binding, e));
    return "register";
  }

  @GetMapping("/register/verify")
  String verifyForm(@ModelAttribute("form") VerificationForm form, HttpSession session) {
    if (session.getAttribute(PENDING_EMAIL) instanceof String email && form.getEmail().isEmpty()) {
      form.setEmail(email);
    }
    return "register-verify";
  }

  @PostMapping("/register/verify")
  String verify(
      @ModelAttribute("form") VerificationForm form, BindingResult binding, HttpSession session) {
    VerificationResult result = registrations.verify(form.getEmail(), form.getCode());
    if (result instanceof VerificationResult.Verified) {
      session.removeAttribute(PENDING_EMAIL);
      return "redirect:/login?registered";
    }
    if (result instanceof VerificationResult.AlreadyRegistered) {
      session.removeAttribute(PENDING_EMAIL);
      return "redirect:/login?exists";
    }
    form.setCode("");
    binding.rejectValue("code", "verify.code.invalid");
    return "register-verify";
  }

  static void reject(BindingResult binding, InputError error) {
    binding.rejectValue(error.field(), error.code(), error.args().toArray(), null);
  }
}
