package ca.idnum.auth.oidc.web;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
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
 *       request_uri}.
 * </ul>
 */
public final class AuthorizationRequestPolicyFilter extends OncePerRequestFilter {

  private final RegisteredClientRepository clients;

  public AuthorizationRequestPolicyFilter(RegisteredClientRepository clients) {
    this.clients = clients;
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
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String description) throws IOException {
    OAuthErrors.write(
        response,
        400,
        new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
        Map.of());
  }
}
