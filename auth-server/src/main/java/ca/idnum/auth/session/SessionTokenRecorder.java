package ca.idnum.auth.session;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Runs after the token customizer of the provider, for every JWT it issues:
 *
 * <ul>
 *   <li>an ID token issued in a citizen session ({@code sid}) links the relying body's
 *       authorization to that session, so that ending the session revokes it and notifies the body;
 *   <li>an access token is recorded as a {@code token.issued} audit event: to which client, for
 *       which citizen, at which level ({@code acr}), with which scopes and claim names (never claim
 *       values).
 * </ul>
 */
public final class SessionTokenRecorder implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final JdbcCitizenSessions index;
  private final AuditLog audit;
  private final Clock clock;

  public SessionTokenRecorder(JdbcCitizenSessions index, AuditLog audit, Clock clock) {
    this.index = index;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    String clientId = context.getRegisteredClient().getClientId();
    if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      SessionInformation session = context.get(SessionInformation.class);
      OAuth2Authorization authorization = context.getAuthorization();
      if (session != null && authorization != null) {
        // Spring Authorization Server passes the sid (the hash of the session id) here
        index.link(session.getSessionId(), authorization.getId(), clientId, clock.instant());
      }
      return;
    }
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return;
    }
    boolean citizen =
        !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
    Set<String> scopes =
        context.getAuthorizedScopes() == null
            ? Set.of()
            : new TreeSet<>(context.getAuthorizedScopes());
    // claim names in the catalogue's order (openid, profile, email, ...)
    Set<String> claims = new LinkedHashSet<>();
    for (String scope : ScopeCatalog.citizenScopes()) {
      if (scopes.contains(scope)) {
        claims.addAll(ScopeCatalog.claims(scope));
      }
    }
    for (String scope : scopes) {
      claims.addAll(ScopeCatalog.claims(scope));
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("grant_type", context.getAuthorizationGrantType().getValue());
    details.put("scopes", String.join(" ", scopes));
    details.put("claims", String.join(" ", claims));
    String citizenId = null;
    if (citizen && context.getPrincipal() != null) {
      citizenId = context.getPrincipal().getName();
      // the level the token states (set by IdnumTokenCustomizer, which runs first)
      context
          .getClaims()
          .claims(
              c -> {
                if (c.get("acr") instanceof String acr) {
                  details.put("level", acr);
                }
              });
    }
    audit.record(
        new AuditEvent(AuditTypes.TOKEN_ISSUED, clock.instant(), citizenId, clientId, details));
  }
}
