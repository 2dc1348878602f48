package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the account pages the citizen's verified identity ({@code verifiedIdentity}, empty when not
 * verified), so that the profile shows it read-only with its source and date ("tell us once").
 */
@ControllerAdvice(basePackages = "ca.idnum.auth.citizen.account")
final class AccountIdentityAdvice {

  private final VerifiedIdentities identities;

  AccountIdentityAdvice(VerifiedIdentities identities) {
    this.identities = identities;
  }

  @ModelAttribute("verifiedIdentity")
  Optional<VerifiedIdentityView> verifiedIdentity(Authentication authentication, Locale locale) {
    if (authentication == null) {
      return Optional.empty();
    }
    try {
      return identities
          .find(CitizenId.parse(authentication.getName()))
          .map(v -> VerifiedIdentityView.of(v, locale));
    } catch (IllegalArgumentException notACitizen) {
      return Optional.empty();
    }
  }
}
