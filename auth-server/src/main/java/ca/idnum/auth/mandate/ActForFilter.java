package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.web.ResumeUrl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At the authorization endpoint of a client that accepts delegated sessions: a signed-in citizen
 * who holds an active mandate covering that client (or its sector) is first asked whether they act
 * for themselves or for a principal ({@code /account/act-for}); the request then resumes with the
 * choice, as a {@link Delegation} on the request for {@link DelegatedAuthorizations}. A client that
 * does not accept delegation, a citizen without such a mandate, and {@code prompt=none} requests
 * never see the choice.
 */
public final class ActForFilter extends OncePerRequestFilter {

  private final RegisteredClientRepository clients;
  private final ClientDelegation delegation;
  private final Mandates mandates;
  private final OrganisationDelegations organisations;

  public ActForFilter(
      RegisteredClientRepository clients,
      ClientDelegation delegation,
      Mandates mandates,
      OrganisationDelegations organisations) {
    this.clients = clients;
    this.delegation = delegation;
    this.mandates = mandates;
    this.organisations = organisations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"/oauth2/authorize".equals(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<CitizenId> citizen = citizen();
    String clientId = request.getParameter("client_id");
    boolean consentSubmission =
        "POST".equals(request.getMethod()) && request.getParameter("response_type") == null;
    String prompt = request.getParameter("prompt");
    if (citizen.isEmpty()
        || clientId == null
        || consentSubmission
        || (prompt != null && Arrays.asList(prompt.split(" ")).contains("none"))
        || request.getParameterValues("client_id").length > 1) {
      chain.doFilter(request, response);
      return;
    }
    RegisteredClient client = clients.findByClientId(clientId);
    ClientDelegation.Setting setting =
        client == null ? ClientDelegation.Setting.NONE : delegation.of(clientId);
    if (!setting.delegatedSessions() && !setting.organisations()) {
      chain.doFilter(request, response);
      return;
    }
    String sector = IdnumRegisteredClients.sectorOf(client);
    List<Mandate> options =
        setting.delegatedSessions()
            ? mandates.activeFor(citizen.get(), clientId, sector)
            : List.of();
    List<OrganisationDelegations.Represented> represented =
        setting.organisations() ? organisations.representedBy(citizen.get()) : List.of();
    if (options.isEmpty() && represented.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String key = requestKey(request);
    HttpSession session = request.getSession(true);
    if (session.getAttribute(ActFor.CHOSEN) instanceof ActFor.Chosen chosen
        && chosen.requestKey().equals(key)) {
      session.removeAttribute(ActFor.CHOSEN);
      if (chosen.choice() == null) {
        chain.doFilter(request, response);
        return;
      }
      Optional<Delegation> chosenDelegation =
          options.stream()
              .filter(m -> m.id().equals(chosen.choice()))
              .findFirst()
              .map(
                  m ->
                      Delegation.forCitizen(
                          m.id(), m.principal().toString(), citizen.get().toString()));
      if (chosenDelegation.isEmpty()) {
        chosenDelegation =
            represented.stream()
                .filter(o -> ActFor.organisationChoice(o.organisationId()).equals(chosen.choice()))
                .findFirst()
                .map(o -> Delegation.forOrganisation(o.organisationId(), citizen.get().toString()));
      }
      if (chosenDelegation.isPresent()) {
        request.setAttribute(DelegatedAuthorizations.REQUEST_ATTRIBUTE, chosenDelegation.get());
        chain.doFilter(request, response);
        return;
      }
    }
    session.setAttribute(ActFor.PENDING, new ActFor.Pending(key, clientId, ResumeUrl.of(request)));
    response.setStatus(302);
    response.setHeader("Location", request.getContextPath() + "/account/act-for");
    response.setHeader("Cache-Control", "no-store");
  }

  private static Optional<CitizenId> citizen() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    try {
      return Optional.of(CitizenId.parse(authentication.getName()));
    } catch (IllegalArgumentException notACitizen) {
      return Optional.empty();
    }
  }

  /** A digest of the request's parameters (order-independent, CSRF token left out). */
  static String requestKey(HttpServletRequest request) {
    Map<String, String> sorted = new TreeMap<>();
    request
        .getParameterMap()
        .forEach(
            (k, v) -> {
              if (!"_csrf".equals(k)) {
                sorted.put(k, String.join("\u0000", v));
              }
            });
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(sorted.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
