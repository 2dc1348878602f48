package ca.idnum.auth.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Model attributes the shared layout ({@code templates/fragments/layout.html}) reads on every page:
 * {@code signedIn} (whether a citizen is logged in, to show the account link) and {@code
 * languagePath} (where the language links lead).
 */
@ControllerAdvice
final class PageModelAdvice {

  @ModelAttribute("signedIn")
  boolean signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  /**
   * The path the language links ({@code ?lang=en}) are relative to: empty (the address in the
   * browser) for a page requested directly, the page's own path for a page reached by a forward.
   * The login page answers an authorization request in place ({@link LoginPageInPlace}), so the
   * browser shows {@code /oauth2/authorize?…}; a bare {@code ?lang=en} there would replace the
   * authorization request's parameters, while {@code /login?lang=en} keeps the saved request.
   */
  @ModelAttribute("languagePath")
  String languagePath(HttpServletRequest request) {
    return request.getDispatcherType() == DispatcherType.FORWARD ? request.getRequestURI() : "";
  }
}
