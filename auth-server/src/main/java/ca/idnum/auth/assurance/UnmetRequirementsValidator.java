package ca.idnum.auth.assurance;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The last check before a code is issued, on the authorization request as Spring Authorization
 * Server resolved it (pushed or not): when the session is below an essential level (the client's
 * minimum or an essential {@code acr}), the answer is the error {@code
 * unmet_authentication_requirements} (OpenID Connect Unmet Authentication Requirements 1.0) to the
 * redirect URI (with {@code state} and {@code iss}); no code below that level is ever issued. The
 * step-up itself happens earlier, in {@code AuthorizationRequestPolicyFilter}, when the level is
 * reachable.
 */
public final class UnmetRequirementsValidator
    implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

  public static final String UNMET = "unmet_authentication_requirements";

  private final AssurancePolicy policy;
  private final AssuranceLevels levels;
  private final AuditLog audit;
  private final Clock clock;

  public UnmetRequirementsValidator(
      AssurancePolicy policy, AssuranceLevels levels, AuditLog audit, Clock clock) {
    this.policy = policy;
    this.levels = levels;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
    OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
    AssuranceRequirement requirement;
    try {
      requirement = policy.requirement(request.getClientId(), request.getAdditionalParameters());
    } catch (AcrRequest.Malformed e) {
      throw error(request, OAuth2ErrorCodes.INVALID_REQUEST, e.getMessage());
    }
    if (!(request.getPrincipal() instanceof Authentication principal)
        || !principal.isAuthenticated()
        || principal instanceof AnonymousAuthenticationToken
        || requirement.required() == LevelOfAssurance.LOA1) {
      return;
    }
    LevelOfAssurance achieved = levels.achieved(principal);
    if (achieved.satisfies(requirement.required())) {
      return;
    }
    String citizen = citizenOf(principal);
    audit.record(
        new AuditEvent(
            "login.unmet_requirements",
            clock.instant(),
            citizen,
            request.getClientId(),
            Map.of("required", requirement.required().uri(), "achieved", achieved.uri())));
    throw error(
        request,
        UNMET,
        "the required level of assurance " + requirement.required().uri() + " cannot be met");
  }

  private static String citizenOf(Authentication principal) {
    try {
      return CitizenId.parse(principal.getName()).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static OAuth2AuthenticationException error(
      OAuth2AuthorizationCodeRequestAuthenticationToken request, String code, String description) {
    OAuth2AuthorizationCodeRequestAuthenticationToken result =
        new OAuth2AuthorizationCodeRequestAuthenticationToken(
            request.getAuthorizationUri(),
            request.getClientId(),
            (Authentication) request.getPrincipal(),
            request.getRedirectUri(),
            request.getState(),
            request.getScopes(),
            request.getAdditionalParameters());
    return new OAuth2AuthorizationCodeRequestAuthenticationException(
        new OAuth2Error(code, description, null), result);
  }
}
