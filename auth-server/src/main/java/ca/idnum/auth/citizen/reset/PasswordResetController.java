package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.InputError;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The "forgot password" and "choose a new password" pages. */
@Controller
final class PasswordResetController {

  static final String RESET_EMAIL = "idnum.reset.email";

  private final PasswordResetService resets;

  PasswordResetController(PasswordResetService resets) {
    this.resets = resets;
  }

  @GetMapping("/password/forgot")
  String forgotForm(@ModelAttribute("form") ForgotPasswordForm form) {
    return "password-forgot";
  }

  @PostMapping("/password/forgot")
  String forgot(
      @ModelAttribute("form") ForgotPasswordForm form,
      BindingResult binding,
      Locale locale,
      HttpSession session) {
    ResetRequestResult result = resets.requestCode(form.getEmail(), locale);
    if (result instanceof ResetRequestResult.Accepted accepted) {
      session.setAttribute(RESET_EMAIL, accepted.email().value());
      return "redirect:/password/reset";
    }
    reject(binding, ((ResetRequestResult.Rejected) result).errors());
    return "password-forgot";
  }

  @GetMapping("/password/reset")
  String resetForm(@ModelAttribute("form") ResetPasswordForm form, HttpSession session) {
    if (session.getAttribute(RESET_EMAIL) instanceof String email && form.getEmail().isEmpty()) {
      form.setEmail(email);
    }
    return "password-reset";
  }

  @PostMapping("/password/reset")
  String reset(
      @ModelAttribute("form") ResetPasswordForm form,
      BindingResult binding,
      Locale locale,
      HttpSession session) {
    ResetResult result = resets.reset(form.getEmail(), form.getCode(), form.getPassword(), locale);
    form.setPassword("");
    if (result instanceof ResetResult.Done) {
      session.removeAttribute(RESET_EMAIL);
      return "redirect:/login?reset";
    }
    reject(binding, ((ResetResult.Rejected) result).errors());
    return "password-reset";
  }

  private static void reject(BindingResult binding, List<InputError> errors) {
    for (InputError e : errors) {
      binding.rejectValue(e.field(), e.code(), e.args().toArray(), null);
    }
  }
}
