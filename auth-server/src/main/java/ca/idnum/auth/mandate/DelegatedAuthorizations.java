package ca.idnum.auth.mandate;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Delegated sessions in the authorization service (a decorator of the store-backed one):
 *
 * <ul>
 *   <li>when the mandatary chose to act for a principal ({@link ActForFilter} leaves the {@link
 *       Delegation} on the request), the authorization saved for that request is marked with it and
 *       its scopes are narrowed to the mandate's (and {@code openid});
 *   <li>a delegated authorization whose mandate is no longer active (ended, refused, expired) is
 *       removed when it is next looked up: introspection answers {@code active:false}, refresh gets
 *       {@code invalid_grant}, userinfo {@code invalid_token}.
 * </ul>
 */
public final class DelegatedAuthorizations implements OAuth2AuthorizationService {

  /** Request attribute: the delegation the current authorization request is made under. */
  public static final String REQUEST_ATTRIBUTE =
      DelegatedAuthorizations.class.getName() + ".choice";

  private final OAuth2AuthorizationService delegate;
  private final Predicate<Delegation> active;
  private final java.util.function.Function<String, Optional<Mandate>> mandates;

  public DelegatedAuthorizations(
      OAuth2AuthorizationService delegate,
      Predicate<Delegation> active,
      java.util.function.Function<String, Optional<Mandate>> mandates) {
    this.delegate = delegate;
    this.active = active;
    this.mandates = mandates;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(mark(authorization));
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return check(delegate.findById(id));
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return check(delegate.findByToken(token, tokenType));
  }

  /** The delegation of a stored authorization, whatever its mandate's state (no check). */
  public Optional<Delegation> delegationOf(String authorizationId) {
    return Delegation.of(delegate.findById(authorizationId));
  }

  /** Removes a stored authorization (ending a mandate). */
  public void revoke(String authorizationId) {
    OAuth2Authorization found = delegate.findById(authorizationId);
    if (found != null) {
      delegate.remove(found);
    }
  }

  private OAuth2Authorization check(OAuth2Authorization found) {
    Optional<Delegation> delegation = Delegation.of(found);
    if (delegation.isPresent() && !active.test(delegation.get())) {
      delegate.remove(found);
      return null;
    }
    return found;
  }

  private OAuth2Authorization mark(OAuth2Authorization authorization) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null || Delegation.of(authorization).isPresent()) {
      return authorization;
    }
    if (!(request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
        instanceof Delegation chosen)) {
      return authorization;
    }
    if (!chosen.mandatary().equals(authorization.getPrincipalName())) {
      return authorization;
    }
    Set<String> scopes;
    if (chosen.organisation()) {
      // an organisation has no profile: only openid (and the idnum_org claim)
      scopes = new java.util.TreeSet<>(authorization.getAuthorizedScopes());
      scopes.retainAll(Set.of("openid"));
    } else {
      Optional<Mandate> mandate = mandates.apply(chosen.grant());
      if (mandate.isEmpty()) {
        return authorization;
      }
      scopes = mandate.get().narrow(authorization.getAuthorizedScopes());
    }
    return OAuth2Authorization.from(authorization)
        .attribute(Delegation.ATTRIBUTE, chosen)
        .authorizedScopes(scopes)
        .build();
  }
}
