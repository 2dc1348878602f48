package ca.idnum.auth.oidc.token;

import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * When a citizen withdraws consent to a client, what that client already obtained stops working at
 * this server too: refresh tokens, and access tokens at userinfo and introspection. A marker per
 * client and citizen (in the short-lived store, kept as long as anything issued before it can live)
 * voids every authorization issued before it; authorizations issued after a new consent are
 * unaffected. Access tokens verified locally by resource servers run out within their short
 * lifetime.
 */
public final class ConsentWithdrawals {

  private final ShortLivedStore store;
  private final Clock clock;
  private final Duration longestLifetime;

  public ConsentWithdrawals(ShortLivedStore store, Clock clock, Duration longestLifetime) {
    this.store = store;
    this.clock = clock;
    this.longestLifetime = longestLifetime;
  }

  /** Voids what {@code registeredClientId} obtained for {@code principalName} until now. */
  public void withdraw(String registeredClientId, String principalName) {
    store.put(
        key(registeredClientId, principalName),
        clock.instant().toString(),
        longestLifetime.plus(Duration.ofMinutes(5)));
  }

  /** Whether the authorization was issued before the citizen withdrew consent to its client. */
  boolean voids(OAuth2Authorization authorization) {
    if (authorization.getPrincipalName() == null) {
      return false;
    }
    Optional<String> withdrawn =
        store.get(key(authorization.getRegisteredClientId(), authorization.getPrincipalName()));
    if (withdrawn.isEmpty()) {
      return false;
    }
    Instant at = Instant.parse(withdrawn.get());
    Optional<Instant> issued = firstIssued(authorization);
    // A pending request (no token yet) goes on: its consent is asked anew.
    return issued.isPresent() && !issued.get().isAfter(at);
  }

  /** When the authorization's first token (its code, normally) was issued. */
  private static Optional<Instant> firstIssued(OAuth2Authorization authorization) {
    Instant first = null;
    for (Class<? extends OAuth2Token> type :
        List.of(
            OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class,
            OAuth2RefreshToken.class,
            OidcIdToken.class)) {
      OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
      if (token != null && token.getToken().getIssuedAt() != null) {
        Instant issuedAt = token.getToken().getIssuedAt();
        if (first == null || issuedAt.isBefore(first)) {
          first = issuedAt;
        }
      }
    }
    return Optional.ofNullable(first);
  }

  private static String key(String registeredClientId, String principalName) {
    return "az:withdrawn:"
        + StoreAuthorizationService.digest(registeredClientId + "\n" + principalName);
  }
}
