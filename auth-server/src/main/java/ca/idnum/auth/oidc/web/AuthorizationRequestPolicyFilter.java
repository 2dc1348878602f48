package ca.idnum.auth.oidc.web;

import ca.idnum.auth.assurance.AcrRequest;
import ca.idnum.auth.assurance.AssuranceLevels;
import ca.idnum.auth.assurance.AssurancePolicy;
import ca.idnum.auth.assurance.AssuranceRequirement;
import ca.idnum.auth.assurance.StepUp;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.token.AuthenticationContext;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Policy on authorization requests, before Spring Authorization Server sees them (at the
 * authorization endpoint and the pushed authorization request endpoint):
 *
 * <ul>
 *   <li>exact redirect URI matching (RFC 9700 §4.1.3): {@code redirect_uri} must equal a registered
 *       URI character for character — no loopback port leniency, no prefix or query variation; on
 *       mismatch the browser gets a {@code 400} and is never redirected;
 *   <li>FAPI 2.0: a high-assurance client's request must come through a pushed authorization
 *       request (RFC 9126): at the authorization endpoint only {@code client_id} and {@code
 *       request_uri};
 *   <li>OpenID Connect {@code max_age} and {@code prompt=login}, on front-channel and pushed
 *       requests alike (a pushed request's parameters are read from where Spring Authorization
 *       Server keeps them): a login older than that is redone before a code is issued;
 *   <li>levels of assurance: when the request (its {@code acr_values}, an {@code acr} in its {@code
 *       claims}, the client's registered minimum) needs a higher level than the session's and the
 *       citizen can reach it, the citizen is sent to the step-up ({@code /login/step-up}), which
 *       asks only for the missing factor, and then back to this request. A level that cannot be
 *       reached is left to {@link ca.idnum.auth.assurance.UnmetRequirementsValidator}.
 * </ul>
 */
public final class AuthorizationRequestPolicyFilter extends OncePerRequestFilter {

  static final String REAUTHENTICATION_REQUESTED =
      AuthorizationRequestPolicyFilter.class.getName() + ".reauthentication";

  private static final OAuth2TokenType STATE = new OAuth2TokenType("state");
  private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

  private final RegisteredClientRepository clients;
  private final Clock clock;
  private final OAuth2AuthorizationService authorizations;
  private final AssurancePolicy assurance;
  private final AssuranceLevels levels;

  public AuthorizationRequestPolicyFilter(
      RegisteredClientRepository clients,
      Clock clock,
      OAuth2AuthorizationService authorizations,
      AssurancePolicy assurance,
      AssuranceLevels levels) {
    this.clients = clients;
    this.clock = clock;
    this.authorizations = authorizations;
    this.assurance = assurance;
    this.levels = levels;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"/oauth2/authorize".equals(path) && !"/oauth2/par".equals(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean pushed = request.getRequestURI().endsWith("/oauth2/par");
    String clientId = request.getParameter("client_id");
    boolean consentSubmission =
        !pushed
            && "POST".equals(request.getMethod())
            && request.getParameter("response_type") == null;
    if (clientId == null
        || consentSubmission
        || request.getParameterValues("client_id").length > 1) {
      chain.doFilter(request, response);
      return;
    }
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      chain.doFilter(request, response);
      return;
    }
    boolean byReference = !pushed && request.getParameter("request_uri") != null;
    if (!byReference) {
      String[] redirectUris = request.getParameterValues("redirect_uri");
      if (redirectUris == null
          || redirectUris.length != 1
          || !client.getRedirectUris().contains(redirectUris[0])) {
        refuse(response, "OAuth 2.0 Parameter: redirect_uri (must exactly match a registered URI)");
        return;
      }
      if (!pushed && IdnumRegisteredClients.isHighAssurance(client)) {
        refuse(response, "this client must use a pushed authorization request (request_uri)");
        return;
      }
    }
    Map<String, Object> parameters = byReference ? pushedParameters(request) : parameters(request);
    if (parameters == null) {
      chain.doFilter(request, response); // unknown or expired request_uri: SAS answers
      return;
    }
    String maxAge = (String) parameters.get("max_age");
    if (maxAge != null && !maxAge.matches("\\d{1,9}")) {
      refuse(response, "OpenID Connect 1.0 Parameter: max_age");
      return;
    }
    AssuranceRequirement requirement;
    try {
      requirement = assurance.requirement(clientId, parameters);
    } catch (AcrRequest.Malformed e) {
      refuse(response, "OpenID Connect 1.0 Parameter: " + e.getMessage());
      return;
    }
    if (!pushed) {
      String prompt = (String) parameters.get("prompt");
      boolean promptLogin = prompt != null && Arrays.asList(prompt.split(" ")).contains("login");
      if (promptLogin) {
        requireRecentLogin(request, Duration.ZERO);
      } else if (maxAge != null) {
        requireRecentLogin(request, Duration.ofSeconds(Long.parseLong(maxAge)));
      }
      Optional<LevelOfAssurance> stepUp = stepUpTarget(requirement);
      if (stepUp.isPresent()) {
        new StepUp(stepUp.get(), ResumeUrl.of(request), clientId).save(request);
        response.setStatus(302);
        response.setHeader("Location", request.getContextPath() + "/login/step-up");
        response.setHeader("Cache-Control", "no-store");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * OpenID Connect {@code max_age}: when the citizen's last authentication is older, the session is
   * ended so that the authorization endpoint sends the citizen to the login page; the request then
   * resumes with a fresh {@code auth_time}. A marker in the new session accepts the login that
   * follows (so that {@code max_age=0} does not loop).
   */
  private void requireRecentLogin(HttpServletRequest request, Duration maxAge) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      return;
    }
    Optional<Instant> authTime = AuthenticationContext.of(authentication).authTime();
    HttpSession session = request.getSession(false);
    Object forcedAt = session == null ? null : session.getAttribute(REAUTHENTICATION_REQUESTED);
    if (forcedAt instanceof Instant requested
        && authTime.isPresent()
        && !authTime.get().isBefore(requested.minusSeconds(1))) {
      session.removeAttribute(REAUTHENTICATION_REQUESTED);
      return;
    }
    Instant now = clock.instant();
    if (authTime.isPresent() && !authTime.get().plus(maxAge).isBefore(now)) {
      return;
    }
    if (session != null) {
      session.invalidate();
    }
    request.getSession(true).setAttribute(REAUTHENTICATION_REQUESTED, now);
    SecurityContextHolder.clearContext();
  }

  /**
   * The level to step the signed-in citizen up to, if any: the requested level when the citizen can
   * reach it (identity verified, an authenticator of the right kind), else the required level when
   * reachable; none when the session already has it or nothing higher is reachable.
   */
  private Optional<LevelOfAssurance> stepUpTarget(AssuranceRequirement requirement) {
    if (requirement.requested() == LevelOfAssurance.LOA1) {
      return Optional.empty();
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    CitizenId citizen;
    try {
      citizen = CitizenId.parse(authentication.getName());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    LevelOfAssurance achieved = levels.achieved(authentication);
    for (LevelOfAssurance target : List.of(requirement.requested(), requirement.required())) {
      if (!achieved.satisfies(target) && levels.reachable(citizen, target)) {
        return Optional.of(target);
      }
    }
    return Optional.empty();
  }

  /** The single-valued parameters of a front-channel request. */
  private static Map<String, Object> parameters(HttpServletRequest request) {
    Map<String, Object> parameters = new HashMap<>();
    request.getParameterMap().forEach((k, v) -> parameters.put(k, v.length == 1 ? v[0] : null));
    return parameters;
  }

  /**
   * The parameters of a pushed authorization request ({@code request_uri}), as Spring Authorization
   * Server stored them (an authorization whose state is the reference); null if there is none.
   */
  private Map<String, Object> pushedParameters(HttpServletRequest request) {
    String requestUri = request.getParameter("request_uri");
    if (requestUri == null
        || !requestUri.startsWith(REQUEST_URI_PREFIX)
        || requestUri.length() > 300) {
      return null;
    }
    OAuth2Authorization pushed =
        authorizations.findByToken(requestUri.substring(REQUEST_URI_PREFIX.length()), STATE);
    if (pushed == null) {
      return null;
    }
    OAuth2AuthorizationRequest authorizationRequest =
        pushed.getAttribute(OAuth2AuthorizationRequest.class.getName());
    if (authorizationRequest == null
        || !authorizationRequest.getClientId().equals(request.getParameter("client_id"))) {
      return null;
    }
    Map<String, Object> parameters = new HashMap<>();
    authorizationRequest
        .getAdditionalParameters()
        .forEach((k, v) -> parameters.put(k, v instanceof String ? v : null));
    return parameters;
  }

  private static void refuse(HttpServletResponse response, String description) throws IOException {
    OAuthErrors.write(
        response,
        400,
        new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
        Map.of());
  }
}
