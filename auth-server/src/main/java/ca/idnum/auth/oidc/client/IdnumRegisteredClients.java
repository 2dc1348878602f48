package ca.idnum.auth.oidc.client;

import ca.idnum.auth.oidc.OidcProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Spring Authorization Server's view of the registered clients in {@code oidc_client}. Lookups are
 * cached for a few seconds (the token endpoint is a hot path); an update through the admin API
 * evicts the entry on this node, other nodes see it within {@link #CACHE_TTL}. Disabled clients are
 * invisible: they can neither authenticate nor start an authorization.
 */
public final class IdnumRegisteredClients implements RegisteredClientRepository {

  /** Custom client settings carried by every {@link RegisteredClient}. */
  public static final String SECTOR = "idnum.sector_identifier";

  public static final String HIGH_ASSURANCE = "idnum.high_assurance";
  public static final String JWKS = "idnum.jwks";
  public static final String AUDIENCE = "idnum.audience";
  public static final String REFRESH_ABSOLUTE_TTL = "idnum.refresh_absolute_ttl";

  static final Duration CACHE_TTL = Duration.ofSeconds(10);

  private record Cached(Optional<RegisteredClient> client, Instant until) {}

  private final JdbcOidcClients clients;
  private final OidcProperties properties;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> byClientId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Cached> byId = new ConcurrentHashMap<>();

  public IdnumRegisteredClients(JdbcOidcClients clients, OidcProperties properties, Clock clock) {
    this.clients = clients;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException("clients are registered through the admin API");
  }

  @Override
  public RegisteredClient findById(String id) {
    return lookup(byId, id, () -> clients.findById(id));
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return lookup(byClientId, clientId, () -> clients.findByClientId(clientId));
  }

  /** Forgets cached entries for this client (after an update on this node). */
  public void evict(OidcClient client) {
    byClientId.remove(client.clientId());
    byId.remove(client.id());
  }

  private RegisteredClient lookup(
      ConcurrentHashMap<String, Cached> cache,
      String key,
      java.util.function.Supplier<Optional<OidcClient>> loader) {
    if (key == null || key.length() > 100) {
      return null;
    }
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached == null || now.isAfter(cached.until())) {
      Optional<RegisteredClient> loaded =
          loader.get().filter(OidcClient::enabled).map(this::toRegisteredClient);
      cached = new Cached(loaded, now.plus(CACHE_TTL));
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(key, cached);
    }
    return cached.client().orElse(null);
  }

  /** Maps a registered client to Spring Authorization Server's model. */
  public RegisteredClient toRegisteredClient(OidcClient client) {
    RegisteredClient.Builder builder =
        RegisteredClient.withId(client.id())
            .clientId(client.clientId())
            .clientName(client.clientName())
            .clientIdIssuedAt(client.createdAt())
            .clientAuthenticationMethod(client.authMethod().springValue());
    client.secretDigest().ifPresent(builder::clientSecret);
    client.grantTypes().forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
    client.redirectUris().stream().map(URI::toString).forEach(builder::redirectUri);
    client.postLogoutRedirectUris().stream()
        .map(URI::toString)
        .forEach(builder::postLogoutRedirectUri);
    client.scopes().forEach(builder::scope);
    ClientSettings.Builder settings =
        ClientSettings.builder()
            .requireProofKey(true)
            .requireAuthorizationConsent(true)
            .setting(SECTOR, client.sectorIdentifier())
            .setting(HIGH_ASSURANCE, client.highAssurance())
            .setting(AUDIENCE, client.audience());
    client.jwks().ifPresent(jwks -> settings.setting(JWKS, jwks));
    builder.clientSettings(settings.build());
    builder.tokenSettings(
        TokenSettings.builder()
            .authorizationCodeTimeToLive(properties.authorizationCodeTtl())
            .accessTokenTimeToLive(client.accessTokenTtl())
            .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
            .refreshTokenTimeToLive(properties.refreshTokenTtl())
            .reuseRefreshTokens(false)
            .idTokenSignatureAlgorithm(client.idTokenSigningAlg().springValue())
            .setting(REFRESH_ABSOLUTE_TTL, properties.refreshAbsoluteTtl())
            .build());
    return builder.build();
  }

  public static String sectorOf(RegisteredClient client) {
    return client.getClientSettings().getSetting(SECTOR);
  }

  /**
   * Whether {@code client} is a public client ({@code none}): its code and refresh grants need a
   * DPoP proof, as for high-assurance clients.
   */
  public static boolean isPublic(RegisteredClient client) {
    return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
  }

  public static boolean isHighAssurance(RegisteredClient client) {
    Boolean value = client.getClientSettings().getSetting(HIGH_ASSURANCE);
    return Boolean.TRUE.equals(value);
  }
}
