package ca.idnum.auth.oidc.token;

import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * {@code client_credentials} access tokens without per-token state: a grant writes nothing to the
 * short-lived store (the JWT is self-contained). Introspection and revocation still work:
 *
 * <ul>
 *   <li>Introspection rebuilds the authorization from the token itself: signature by a published
 *       key, {@code typ at+jwt}, this issuer, lifetime; a token of a client's own ({@code sub} =
 *       {@code client_id}, no citizen login context) of a registered client still allowed {@code
 *       client_credentials}; and not revoked.
 *   <li>Revocation writes the token's digest to a revocation list in the store, kept until the
 *       token would have expired: the only write for such a token.
 * </ul>
 */
public final class ClientCredentialsTokens {

  private static final Duration MIN_TTL = Duration.ofSeconds(1);

  private final JwtDecoder decoder;
  private final RegisteredClientRepository clients;
  private final ShortLivedStore store;
  private final Clock clock;

  public ClientCredentialsTokens(
      JwtDecoder decoder, RegisteredClientRepository clients, ShortLivedStore store, Clock clock) {
    this.decoder = decoder;
    this.clients = clients;
    this.store = store;
    this.clock = clock;
  }

  /** Whether {@code authorization} is a {@code client_credentials} one (kept out of the store). */
  static boolean handles(OAuth2Authorization authorization) {
    return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
        authorization.getAuthorizationGrantType());
  }

  /** Puts the authorization's access token on the revocation list until it expires. */
  void revoke(OAuth2Authorization authorization) {
    OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
    if (token == null) {
      return;
    }
    Instant expiresAt = token.getToken().getExpiresAt();
    Duration ttl =
        expiresAt == null ? Duration.ofHours(1) : Duration.between(clock.instant(), expiresAt);
    store.put(
        revokedKey(token.getToken().getTokenValue()),
        "1",
        ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.plus(Duration.ofMinutes(1)));
  }

  /** The authorization a valid, unrevoked {@code client_credentials} access token stands for. */
  Optional<OAuth2Authorization> find(String tokenValue) {
    if (tokenValue.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    Jwt jwt;
    try {
      jwt = decoder.decode(tokenValue);
    } catch (JwtException | IllegalArgumentException notOurs) {
      return Optional.empty();
    }
    String clientId = jwt.getClaimAsString("client_id");
    if (clientId == null || !clientId.equals(jwt.getSubject()) || jwt.hasClaim("acr")) {
      return Optional.empty();
    }
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null
        || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)
        || store.get(revokedKey(tokenValue)).isPresent()) {
      return Optional.empty();
    }
    Set<String> scopes = scopes(jwt.getClaims().get("scope"));
    OAuth2AccessToken accessToken =
        new OAuth2AccessToken(
            jwt.hasClaim("cnf")
                ? OAuth2AccessToken.TokenType.DPOP
                : OAuth2AccessToken.TokenType.BEARER,
            tokenValue,
            jwt.getIssuedAt(),
            jwt.getExpiresAt(),
            scopes);
    return Optional.of(
        OAuth2Authorization.withRegisteredClient(client)
            .id("cc:" + StoreAuthorizationService.digest(tokenValue))
            .principalName(clientId)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .authorizedScopes(scopes)
            .token(
                accessToken,
                metadata ->
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
            .build());
  }

  private static Set<String> scopes(Object claim) {
    Set<String> scopes = new LinkedHashSet<>();
    if (claim instanceof String s && !s.isBlank()) {
      scopes.addAll(List.of(s.trim().split("\\s+")));
    } else if (claim instanceof java.util.Collection<?> c) {
      c.forEach(v -> scopes.add(String.valueOf(v)));
    }
    return scopes;
  }

  private static String revokedKey(String tokenValue) {
    return "az:cc-revoked:" + StoreAuthorizationService.digest(tokenValue);
  }
}
