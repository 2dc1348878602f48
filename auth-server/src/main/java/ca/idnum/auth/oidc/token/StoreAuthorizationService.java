package ca.idnum.auth.oidc.token;

import ca.idnum.server.store.ShortLivedStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Authorization Server's authorizations (pending requests, pushed requests, codes, tokens)
 * in the {@link ShortLivedStore}: in-process on the embedded default, Redis in production, so that
 * any node can continue what another started. Tokens are indexed by their SHA-256 digest, never
 * stored as keys in clear.
 *
 * <p>With {@link ClientCredentialsTokens}, {@code client_credentials} grants write nothing here
 * (their JWT access tokens are self-contained; only a revocation is written).
 *
 * <p>Security properties enforced here:
 *
 * <ul>
 *   <li>An authorization code is redeemed once across all nodes: the first request presenting it
 *       claims it atomically ({@code putIfAbsent}); any other request, concurrent or later, sees it
 *       invalidated, gets {@code invalid_grant}, and Spring Authorization Server revokes the tokens
 *       issued from it.
 *   <li>Refresh token reuse: a rotated (old) refresh token presented again revokes the whole family
 *       (the authorization is removed, so its refresh and access tokens stop working at this
 *       server: refresh, userinfo, introspection).
 *   <li>An exchanged token (RFC 8693) is found only while its {@link TokenLineage} stands.
 * </ul>
 *
 * <p>Decoding a stored authorization (Java deserialization) is the costliest part of reading one,
 * and a refresh grant reads the authorization twice (to find the token, then again when saving the
 * rotated one), as does every refresh that follows on the same node. So each node keeps the decoded
 * form of what it last wrote or read, and uses it only when the store still holds exactly the value
 * it was decoded from: the store stays the only truth (another node's rotation or a revocation
 * changes or removes the value, and the entry is then ignored). Returning one instance to several
 * callers is what Spring Authorization Server's own in-memory service does too.
 */
public final class StoreAuthorizationService implements OAuth2AuthorizationService {

  private static final Logger log = LoggerFactory.getLogger(StoreAuthorizationService.class);

  private static final Duration PENDING_TTL = Duration.ofMinutes(10);
  private static final String REDEEMING = StoreAuthorizationService.class.getName() + ".code";
  private static final Duration MIN_TTL = Duration.ofSeconds(90);

  /** Bounds the decoded cache by the size of the stored values it keeps (about 32 MB of text). */
  private static final long DECODED_CACHE_CHARS = 32L << 20;

  private enum Index {
    STATE("state", OAuth2ParameterNames.STATE),
    CODE("code", OAuth2ParameterNames.CODE),
    ACCESS("at", OAuth2TokenType.ACCESS_TOKEN.getValue()),
    REFRESH("rt", OAuth2TokenType.REFRESH_TOKEN.getValue()),
    ID_TOKEN("idt", OidcParameterNames.ID_TOKEN);

    final String prefix;
    final String tokenType;

    Index(String prefix, String tokenType) {
      this.prefix = prefix;
      this.tokenType = tokenType;
    }
  }

  private final ShortLivedStore store;
  private final Clock clock;
  private final ClientCredentialsTokens clientCredentials;
  private final ConsentWithdrawals withdrawals;
  private final Cache<String, Decoded> decoded =
      Caffeine.newBuilder()
          .maximumWeight(DECODED_CACHE_CHARS)
          .<String, Decoded>weigher((id, entry) -> entry.stored().length())
          .expireAfterAccess(Duration.ofMinutes(10))
          .build();

  /** Every authorization in the store, {@code client_credentials} ones included. */
  public StoreAuthorizationService(ShortLivedStore store, Clock clock) {
    this(store, clock, null, null);
  }

  /**
   * {@code client_credentials} authorizations are not stored: {@code clientCredentials} finds them
   * from the token itself and keeps the list of revoked ones.
   */
  public StoreAuthorizationService(
      ShortLivedStore store, Clock clock, ClientCredentialsTokens clientCredentials) {
    this(store, clock, clientCredentials, null);
  }

  /**
   * As above; and an authorization issued before the citizen withdrew consent to its client ({@code
   * withdrawals}) is found no more (and removed).
   */
  public StoreAuthorizationService(
      ShortLivedStore store,
      Clock clock,
      ClientCredentialsTokens clientCredentials,
      ConsentWithdrawals withdrawals) {
    this.store = store;
    this.clock = clock;
    this.clientCredentials = clientCredentials;
    this.withdrawals = withdrawals;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    if (clientCredentials != null && ClientCredentialsTokens.handles(authorization)) {
      OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
      if (token != null && token.isInvalidated()) {
        clientCredentials.revoke(authorization);
      }
      return;
    }
    Optional<OAuth2Authorization> previous = load(authorization.getId());
    claimCodeOnRedemption(authorization, previous);
    Duration ttl = ttl(authorization);
    String encoded = AuthorizationCodec.encode(authorization);
    store.put(idKey(authorization.getId()), encoded, ttl);
    decoded.put(authorization.getId(), new Decoded(encoded, authorization));
    for (Index index : Index.values()) {
      value(authorization, index)
          .ifPresent(v -> store.put(indexKey(index, v), authorization.getId(), ttl));
    }
    previous.ifPresent(
        old -> {
          Optional<String> oldRefresh = value(old, Index.REFRESH);
          Optional<String> newRefresh = value(authorization, Index.REFRESH);
          if (oldRefresh.isPresent() && !oldRefresh.equals(newRefresh)) {
            store.delete(indexKey(Index.REFRESH, oldRefresh.get()));
            store.put(rotatedKey(oldRefresh.get()), authorization.getId(), ttl);
          }
          for (Index index : List.of(Index.ACCESS, Index.ID_TOKEN, Index.STATE)) {
            Optional<String> oldValue = value(old, index);
            if (oldValue.isPresent() && !oldValue.equals(value(authorization, index))) {
              store.delete(indexKey(index, oldValue.get()));
            }
          }
        });
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    if (clientCredentials != null && ClientCredentialsTokens.handles(authorization)) {
      clientCredentials.revoke(authorization);
      return;
    }
    Optional<OAuth2Authorization> stored = load(authorization.getId());
    for (OAuth2Authorization a :
        stored.map(s -> List.of(s, authorization)).orElse(List.of(authorization))) {
      for (Index index : Index.values()) {
        if (index != Index.CODE) {
          value(a, index).ifPresent(v -> store.delete(indexKey(index, v)));
        }
      }
    }
    store.delete(idKey(authorization.getId()));
    decoded.invalidate(authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    return load(id).orElse(null);
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (token == null || token.isEmpty() || token.length() > 16_384) {
      return null;
    }
    if (clientCredentials != null
        && (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType))) {
      Optional<OAuth2Authorization> stateless = clientCredentials.find(token);
      if (stateless.isPresent()) {
        return stateless.get();
      }
    }
    for (Index index : Index.values()) {
      if (tokenType != null && !index.tokenType.equals(tokenType.getValue())) {
        continue;
      }
      Optional<OAuth2Authorization> found =
          store
              .get(indexKey(index, token))
              .flatMap(this::load)
              .filter(a -> matches(a, index, token));
      if (found.isPresent()
          && ((withdrawals != null && withdrawals.voids(found.get()))
              || !TokenLineage.alive(found.get(), this::load, withdrawals))) {
        remove(found.get());
        return null;
      }
      if (found.isPresent()) {
        return index == Index.CODE ? noteCodeRead(found.get(), token) : found.get();
      }
      if (index == Index.REFRESH) {
        Optional<String> family = store.get(rotatedKey(token));
        if (family.isPresent()) {
          revokeFamily(family.get());
          return null;
        }
      }
    }
    return null;
  }

  private void revokeFamily(String authorizationId) {
    load(authorizationId)
        .ifPresent(
            a -> {
              log.warn(
                  "Refresh token reuse detected for client {}: the token family is revoked",
                  a.getRegisteredClientId());
              remove(a);
            });
  }

  /**
   * Remembers, for the current request, that it read this authorization code while still active (a
   * redemption may follow in {@link #save}).
   */
  private OAuth2Authorization noteCodeRead(OAuth2Authorization authorization, String code) {
    OAuth2Authorization.Token<OAuth2AuthorizationCode> token =
        authorization.getToken(OAuth2AuthorizationCode.class);
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (token != null && !token.isInvalidated() && request != null) {
      request.setAttribute(REDEEMING, digest(code), RequestAttributes.SCOPE_REQUEST);
    }
    return authorization;
  }

  /**
   * Makes a code redemption happen once across all nodes: when this request read the code active
   * and now saves it invalidated with tokens, it must be the first to claim the code ({@code
   * putIfAbsent} in the shared store). A concurrent redemption that lost the race gets {@code
   * invalid_grant}, and what the winner obtained is revoked (RFC 6749 §4.1.2). Later replays see
   * the code invalidated and Spring Authorization Server revokes the tokens issued from it.
   */
  private void claimCodeOnRedemption(
      OAuth2Authorization authorization, Optional<OAuth2Authorization> previous) {
    OAuth2Authorization.Token<OAuth2AuthorizationCode> code =
        authorization.getToken(OAuth2AuthorizationCode.class);
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (code == null
        || !code.isInvalidated()
        || authorization.getAccessToken() == null
        || request == null) {
      return;
    }
    String codeDigest = digest(code.getToken().getTokenValue());
    if (!codeDigest.equals(request.getAttribute(REDEEMING, RequestAttributes.SCOPE_REQUEST))) {
      return;
    }
    request.removeAttribute(REDEEMING, RequestAttributes.SCOPE_REQUEST);
    if (!store.putIfAbsent(
        "az:redeemed:" + codeDigest, authorization.getId(), ttl(authorization))) {
      log.warn(
          "Concurrent redemption of one authorization code by client {}: refused and revoked",
          authorization.getRegisteredClientId());
      previous.ifPresent(this::remove);
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "authorization code already used", null));
    }
  }

  private static boolean matches(OAuth2Authorization authorization, Index index, String token) {
    return value(authorization, index)
        .map(
            v ->
                MessageDigest.isEqual(
                    v.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  private static Optional<String> value(OAuth2Authorization authorization, Index index) {
    OAuth2Authorization.Token<? extends OAuth2Token> token =
        switch (index) {
          case STATE -> null;
          case CODE -> authorization.getToken(OAuth2AuthorizationCode.class);
          case ACCESS -> authorization.getToken(OAuth2AccessToken.class);
          case REFRESH -> authorization.getToken(OAuth2RefreshToken.class);
          case ID_TOKEN -> authorization.getToken(OidcIdToken.class);
        };
    if (index == Index.STATE) {
      return Optional.ofNullable(authorization.<String>getAttribute(OAuth2ParameterNames.STATE));
    }
    return Optional.ofNullable(token).map(t -> t.getToken().getTokenValue());
  }

  private Duration ttl(OAuth2Authorization authorization) {
    Instant now = clock.instant();
    Instant until = null;
    for (Class<? extends OAuth2Token> type :
        List.of(
            OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class,
            OAuth2RefreshToken.class,
            OidcIdToken.class)) {
      OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
      if (token != null && token.getToken().getExpiresAt() != null) {
        Instant expiresAt = token.getToken().getExpiresAt();
        if (until == null || expiresAt.isAfter(until)) {
          until = expiresAt;
        }
      }
    }
    Duration ttl = until == null ? PENDING_TTL : Duration.between(now, until);
    return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl;
  }

  private Optional<OAuth2Authorization> load(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Optional<String> stored = store.get(idKey(id));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Decoded known = decoded.getIfPresent(id);
    if (known != null && known.stored().equals(stored.get())) {
      return Optional.of(known.authorization());
    }
    OAuth2Authorization authorization = AuthorizationCodec.decode(stored.get());
    decoded.put(id, new Decoded(stored.get(), authorization));
    return Optional.of(authorization);
  }

  /** An authorization and the exact stored value it was decoded from. */
  private record Decoded(String stored, OAuth2Authorization authorization) {}

  private static String idKey(String id) {
    return "az:id:" + id;
  }

  private static String indexKey(Index index, String token) {
    return "az:" + index.prefix + ":" + digest(token);
  }

  private static String rotatedKey(String refreshToken) {
    return "az:rotated:" + digest(refreshToken);
  }

  static String digest(String token) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
