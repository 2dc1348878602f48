package ca.idnum.auth.mandate;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Tokens of a delegated authorization: {@code sub} is the principal's pairwise subject for the
 * client's sector, {@code act} names the mandatary ({@code {"sub": <mandatary's pairwise
 * subject>}}, RFC 8693 §4.1); {@code acr} and {@code amr} stay what the mandatary achieved. The
 * first access token of a delegated login records {@code login.delegated} for both citizens.
 */
public final class DelegationTokenCustomizer
    implements OAuth2TokenCustomizer<JwtEncodingContext>, Ordered {

  private final PairwiseSubjects pairwise;
  private final AuditLog audit;
  private final Clock clock;
  private final OrganisationDelegations organisations;

  public DelegationTokenCustomizer(
      PairwiseSubjects pairwise,
      AuditLog audit,
      Clock clock,
      OrganisationDelegations organisations) {
    this.organisations = organisations;
    this.pairwise = pairwise;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    Optional<Delegation> delegation = Delegation.of(context.getAuthorization());
    if (delegation.isEmpty()) {
      return;
    }
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    if (!idToken && !accessToken) {
      return;
    }
    String sector = IdnumRegisteredClients.sectorOf(context.getRegisteredClient());
    Delegation d = delegation.get();
    String principalSub =
        d.organisation()
            ? pairwise.organisationSubject(sector, d.principal())
            : pairwise.subject(sector, CitizenId.parse(d.principal()));
    String mandatarySub = pairwise.subject(sector, CitizenId.parse(d.mandatary()));
    context.getClaims().subject(principalSub).claim("act", Map.of("sub", mandatarySub));
    if (d.organisation()) {
      organisations
          .find(d.principal())
          .ifPresent(
              o ->
                  context.getClaims().claim("idnum_org", Map.of("neq", o.neq(), "name", o.name())));
    }
    if (accessToken
        && AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
      String clientId = context.getRegisteredClient().getClientId();
      String[] level = {""};
      context
          .getClaims()
          .claims(
              c -> {
                if (c.get("acr") instanceof String acr) {
                  level[0] = acr;
                }
              });
      var now = clock.instant();
      for (String role : List.of("principal", "mandatary")) {
        boolean principal = "principal".equals(role);
        Map<String, String> details = new LinkedHashMap<>();
        details.put(d.organisation() ? "organisation" : "mandate", d.grant());
        details.put(
            "role", d.organisation() ? (principal ? "organisation" : "representative") : role);
        details.put("other", principal ? d.mandatary() : d.principal());
        details.put("level", level[0]);
        details.put(
            "scopes", String.join(" ", new java.util.TreeSet<>(context.getAuthorizedScopes())));
        // the organisation's side is recorded without a citizen (its id is in the details)
        String citizen = principal ? (d.organisation() ? null : d.principal()) : d.mandatary();
        audit.record(new AuditEvent(AuditTypes.LOGIN_DELEGATED, now, citizen, clientId, details));
      }
    }
  }
}
