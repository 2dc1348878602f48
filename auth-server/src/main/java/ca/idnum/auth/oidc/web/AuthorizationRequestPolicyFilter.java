package ca.idnum.auth.oidc.web;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.token.AuthenticationContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
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
 *   <li>OpenID Connect {@code max_age} on front-channel requests: a login older than that is redone
 *       before a code is issued.
 * </ul>
 */
public final class AuthorizationRequestPolicyFilter extends OncePerRequestFilter {

  static final String REAUTHENTICATION_REQUESTED =
      AuthorizationRequestPolicyFilter.class.getName() + ".reauthentication";

  private final RegisteredClientRepository clients;
  private final Clock clock;

  public AuthorizationRequestPolicyFilter(RegisteredClientRepository clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
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
      if (!pushed) {
        String maxAge = request.getParameter("max_age");
        if (maxAge != null && !maxAge.matches("\\d{1,9}")) {
          refuse(response, "OpenID Connect 1.0 Parameter: max_age");
          return;
        }
        String prompt = request.getParameter("prompt");
        boolean promptLogin =
            prompt != null && java.util.Arrays.asList(prompt.split(" ")).contains("login");
        if (promptLogin) {
          requireRecentLogin(request, Duration.ZERO);
        } else if (maxAge != null) {
          requireRecentLogin(request, Duration.ofSeconds(Long.parseLong(maxAge)));
        }
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

  private static void refuse(HttpServletResponse response, String description) throws IOException {
    OAuthErrors.write(
        response,
        400,
        new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
        Map.of());
  }
}
