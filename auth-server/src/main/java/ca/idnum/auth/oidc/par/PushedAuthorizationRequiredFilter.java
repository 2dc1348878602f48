package ca.idnum.auth.oidc.par;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.web.OAuthErrors;
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
 * FAPI 2.0: a high-assurance client's authorization request must come through a pushed
 * authorization request (RFC 9126): at the authorization endpoint it carries only {@code client_id}
 * and {@code request_uri}. Other requests of such a client are refused with {@code
 * invalid_request}, without redirecting (the parameters were never authenticated).
 */
public final class PushedAuthorizationRequiredFilter extends OncePerRequestFilter {

  private final RegisteredClientRepository clients;

  public PushedAuthorizationRequiredFilter(RegisteredClientRepository clients) {
    this.clients = clients;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"/oauth2/authorize"
        .equals(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String clientId = request.getParameter("client_id");
    boolean consentSubmission =
        "POST".equals(request.getMethod()) && request.getParameter("response_type") == null;
    if (clientId != null && !consentSubmission && request.getParameter("request_uri") == null) {
      RegisteredClient client = clients.findByClientId(clientId);
      if (client != null && IdnumRegisteredClients.isHighAssurance(client)) {
        OAuthErrors.write(
            response,
            400,
            new OAuth2Error(
                OAuth2ErrorCodes.INVALID_REQUEST,
                "this client must use a pushed authorization request (request_uri)",
                null),
            Map.of());
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
