package ca.idnum.auth.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Model attributes the shared layout ({@code templates/fragments/layout.html}) reads on every page:
 * {@code signedIn} (whether a citizen is logged in, to show the account link).
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
}
