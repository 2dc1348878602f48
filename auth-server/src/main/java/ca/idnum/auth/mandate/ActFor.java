package ca.idnum.auth.mandate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The "act for" choice of one authorization request, kept in the citizen's session: first pending
 * (the request waits while the citizen chooses on {@code /account/act-for}), then chosen (the
 * request resumes once with that choice).
 */
public final class ActFor {

  static final String PENDING = ActFor.class.getName() + ".pending";
  static final String CHOSEN = ActFor.class.getName() + ".chosen";

  private ActFor() {}

  /**
   * An authorization request waiting for the choice.
   *
   * @param requestKey digest of the request, to resume it and only it
   * @param clientId the relying body
   * @param resumeUrl the request as a local URL
   */
  record Pending(String requestKey, String clientId, String resumeUrl) implements Serializable {
    Pending {
      Objects.requireNonNull(requestKey, "requestKey");
      Objects.requireNonNull(clientId, "clientId");
      if (!resumeUrl.startsWith("/") || resumeUrl.startsWith("//")) {
        throw new IllegalArgumentException("resumeUrl must be a local path");
      }
    }
  }

  /**
   * The citizen's choice for a request.
   *
   * @param choice the mandate id to act under, {@code org:<organisation id>} to act for an
   *     organisation; null to act as oneself
   */
  record Chosen(String requestKey, String choice) implements Serializable {}

  /** The choice value of an organisation. */
  static String organisationChoice(String organisationId) {
    return "org:" + organisationId;
  }

  static Optional<Pending> pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(PENDING) instanceof Pending p
        ? Optional.of(p)
        : Optional.empty();
  }

  /**
   * Spring Authorization Server's consent decision, except for a delegated request: the principal
   * consented when they gave the mandate (its scopes), so the mandatary is not asked.
   */
  static boolean consentRequired(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null
        && request.getAttribute(
                DelegatedAuthorizations.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof Delegation) {
      return false;
    }
    if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
      return false;
    }
    Set<String> requested = context.getAuthorizationRequest().getScopes();
    if (requested.size() == 1 && requested.contains(OidcScopes.OPENID)) {
      return false;
    }
    OAuth2AuthorizationConsent consent = context.getAuthorizationConsent();
    return consent == null || !consent.getScopes().containsAll(requested);
  }

  /** For the authorization server configuration. */
  public static java.util.function.Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext>
      consentPolicy() {
    return ActFor::consentRequired;
  }
}
