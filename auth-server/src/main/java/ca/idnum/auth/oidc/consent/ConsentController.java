package ca.idnum.auth.oidc.consent;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page ({@code /oauth2/consent}): names the public body and, in plain language, each
 * piece of information it asks for; the citizen approves scope by scope. The form posts back to the
 * authorization endpoint, which records the consent.
 */
@Controller
public class ConsentController {

  /** One requested scope as the page shows it. */
  public record RequestedScope(String scope, List<String> claims, boolean previouslyApproved) {}

  private final RegisteredClientRepository clients;
  private final OAuth2AuthorizationConsentService consents;

  public ConsentController(
      RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
    this.clients = clients;
    this.consents = consents;
  }

  @GetMapping("/oauth2/consent")
  public String consent(
      Principal principal,
      Model model,
      @RequestParam(name = "client_id") String clientId,
      @RequestParam(name = "scope") String scope,
      @RequestParam(name = "state") String state) {
    if (clientId.length() > 100 || scope.length() > 1000 || state.length() > 500) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    OAuth2AuthorizationConsent current = consents.findById(client.getId(), principal.getName());
    Set<String> approved = new LinkedHashSet<>();
    if (current != null) {
      for (GrantedAuthority authority : current.getAuthorities()) {
        if (authority.getAuthority().startsWith("SCOPE_")) {
          approved.add(authority.getAuthority().substring("SCOPE_".length()));
        }
      }
    }
    List<RequestedScope> requested = new ArrayList<>();
    for (String s : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")))) {
      if (!s.equals(OidcScopes.OPENID) && client.getScopes().contains(s)) {
        requested.add(new RequestedScope(s, ScopeCatalog.claims(s), approved.contains(s)));
      }
    }
    model.addAttribute("clientId", client.getClientId());
    model.addAttribute("clientName", client.getClientName());
    model.addAttribute("state", state);
    model.addAttribute("scopes", requested);
    return "consent";
  }
}
