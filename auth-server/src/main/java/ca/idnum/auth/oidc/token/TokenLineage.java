package ca.idnum.auth.oidc.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Where an exchanged access token (RFC 8693) comes from: the authorizations it descends from,
 * nearest first, each with the digest of the access token that was exchanged. An exchanged token
 * lives only as long as its whole lineage: when an ancestor authorization is removed (session end,
 * refresh family reuse, a mandate's end), voided by a consent withdrawal, or has its refresh token
 * or the exchanged access token revoked, the exchanged token is found no more (introspection
 * answers {@code active:false}).
 */
public final class TokenLineage {

  /** The authorization attribute holding the lineage (a list of strings, serializable). */
  public static final String ATTRIBUTE = "idnum.exchange.lineage";

  private TokenLineage() {}

  /** The lineage of a token exchanged from {@code subjectToken} of {@code parent}. */
  public static List<String> of(OAuth2Authorization parent, String subjectToken) {
    List<String> chain = new ArrayList<>();
    chain.add(parent.getId() + " " + StoreAuthorizationService.digest(subjectToken));
    List<String> inherited = parent.getAttribute(ATTRIBUTE);
    if (inherited != null) {
      chain.addAll(inherited);
    }
    return List.copyOf(chain);
  }

  /** Whether every ancestor of {@code authorization} still stands. */
  static boolean alive(
      OAuth2Authorization authorization,
      Function<String, Optional<OAuth2Authorization>> loader,
      ConsentWithdrawals withdrawals) {
    List<String> chain = authorization.getAttribute(ATTRIBUTE);
    if (chain == null) {
      return true;
    }
    for (String link : chain) {
      int space = link.indexOf(' ');
      if (space < 0) {
        return false;
      }
      Optional<OAuth2Authorization> ancestor = loader.apply(link.substring(0, space));
      if (ancestor.isEmpty()
          || (withdrawals != null && withdrawals.voids(ancestor.get()))
          || revoked(ancestor.get(), link.substring(space + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean revoked(OAuth2Authorization ancestor, String exchangedDigest) {
    OAuth2Authorization.Token<OAuth2RefreshToken> refresh = ancestor.getRefreshToken();
    if (refresh != null && refresh.isInvalidated()) {
      return true;
    }
    OAuth2Authorization.Token<OAuth2AccessToken> access = ancestor.getAccessToken();
    return access != null
        && access.isInvalidated()
        && StoreAuthorizationService.digest(access.getToken().getTokenValue())
            .equals(exchangedDigest);
  }
}
