package ca.idnum.auth.oidc.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client: a public body's website or back end.
 *
 * @param id internal identifier
 * @param clientId the OAuth {@code client_id}
 * @param clientName the public body's name, shown on the consent page
 * @param sectorIdentifier the sector (OIDC Core §8.1): clients of one sector see the same pairwise
 *     {@code sub} for a citizen, clients of different sectors different ones
 * @param authMethod token endpoint authentication
 * @param secretDigest SHA-256 digest of the secret (client_secret_basic), never the secret
 * @param jwks public JWK set (JSON) for private_key_jwt
 * @param grantTypes authorization_code, refresh_token, client_credentials, token exchange (RFC
 *     8693, confidential clients only)
 * @param redirectUris exact redirect URIs
 * @param postLogoutRedirectUris exact post-logout redirect URIs
 * @param scopes scopes the client may request
 * @param highAssurance FAPI 2.0: PAR and DPoP required, private_key_jwt
 * @param idTokenSigningAlg ID token signature algorithm
 * @param audience audience of its access tokens (resource identifiers)
 * @param accessTokenTtl access token lifetime
 * @param enabled disabled clients cannot authenticate nor start authorizations
 * @param backchannelLogoutUri where OpenID Connect Back-Channel Logout tokens are POSTed when a
 *     citizen's session ends (https; http only for loopback)
 * @param backchannelLogoutSessionRequired the client wants {@code sid} in logout tokens (always
 *     sent by this provider)
 */
public record OidcClient(
    String id,
    String clientId,
    String clientName,
    String sectorIdentifier,
    ClientAuthMethod authMethod,
    Optional<String> secretDigest,
    Optional<Instant> secretIssuedAt,
    Optional<String> jwks,
    Set<String> grantTypes,
    List<URI> redirectUris,
    List<URI> postLogoutRedirectUris,
    Set<String> scopes,
    boolean highAssurance,
    SigningAlg idTokenSigningAlg,
    List<String> audience,
    Duration accessTokenTtl,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt,
    Optional<URI> backchannelLogoutUri,
    boolean backchannelLogoutSessionRequired) {

  public static final Set<String> SUPPORTED_GRANT_TYPES =
      Set.of(
          "authorization_code",
          "refresh_token",
          "client_credentials",
          "urn:ietf:params:oauth:grant-type:token-exchange");

  /** RFC 8693 token exchange: for confidential clients with a registered audience. */
  public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

  public OidcClient {
    Objects.requireNonNull(id, "id");
    requireText(clientId, "client_id");
    requireText(clientName, "client_name");
    requireText(sectorIdentifier, "sector_identifier");
    Objects.requireNonNull(authMethod, "token_endpoint_auth_method");
    Objects.requireNonNull(secretDigest, "secretDigest");
    Objects.requireNonNull(secretIssuedAt, "secretIssuedAt");
    Objects.requireNonNull(jwks, "jwks");
    grantTypes = Set.copyOf(grantTypes);
    redirectUris = List.copyOf(redirectUris);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    scopes = Set.copyOf(scopes);
    audience = List.copyOf(audience);
    Objects.requireNonNull(idTokenSigningAlg, "id_token_signed_response_alg");
    Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    backchannelLogoutUri = backchannelLogoutUri == null ? Optional.empty() : backchannelLogoutUri;
    backchannelLogoutUri.ifPresent(uri -> requireRedirectUri(uri, "backchannel_logout_uri"));
    if (clientId.length() > 100 || !clientId.matches("[A-Za-z0-9._:-]+")) {
      throw new IllegalArgumentException("client_id: 1-100 characters among A-Z a-z 0-9 . _ : -");
    }
    if (grantTypes.isEmpty() || !SUPPORTED_GRANT_TYPES.containsAll(grantTypes)) {
      throw new IllegalArgumentException(
          "grant_types: a non-empty subset of authorization_code, refresh_token,"
              + " client_credentials, "
              + TOKEN_EXCHANGE);
    }
    if (grantTypes.contains("refresh_token") && !grantTypes.contains("authorization_code")) {
      throw new IllegalArgumentException("grant_types: refresh_token needs authorization_code");
    }
    if (grantTypes.contains(TOKEN_EXCHANGE) && audience.isEmpty()) {
      throw new IllegalArgumentException(
          "grant_types: token exchange needs an audience (the downstream APIs it may target)");
    }
    if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
      throw new IllegalArgumentException("redirect_uris: required for authorization_code");
    }
    for (URI uri : redirectUris) {
      requireRedirectUri(uri, "redirect_uris");
    }
    for (URI uri : postLogoutRedirectUris) {
      requireRedirectUri(uri, "post_logout_redirect_uris");
    }
    switch (authMethod) {
      case CLIENT_SECRET_BASIC -> {
        if (secretDigest.isEmpty()) {
          throw new IllegalArgumentException("client_secret_basic needs a secret");
        }
      }
      case PRIVATE_KEY_JWT -> {
        if (jwks.isEmpty()) {
          throw new IllegalArgumentException("private_key_jwt needs jwks");
        }
      }
      case NONE -> {
        if (secretDigest.isPresent() || jwks.isPresent()) {
          throw new IllegalArgumentException("a public client (none) has no secret nor jwks");
        }
        if (!grantTypes.equals(Set.of("authorization_code"))) {
          throw new IllegalArgumentException(
              "grant_types: a public client (none) uses authorization_code only");
        }
      }
    }
    if (highAssurance && authMethod != ClientAuthMethod.PRIVATE_KEY_JWT) {
      throw new IllegalArgumentException(
          "high-assurance clients (FAPI 2.0) authenticate with private_key_jwt");
    }
    if (accessTokenTtl.isNegative()
        || accessTokenTtl.isZero()
        || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("access token lifetime must be in (0, 1h]");
    }
  }

  /** A client without back-channel logout. */
  public OidcClient(
      String id,
      String clientId,
      String clientName,
      String sectorIdentifier,
      ClientAuthMethod authMethod,
      Optional<String> secretDigest,
      Optional<Instant> secretIssuedAt,
      Optional<String> jwks,
      Set<String> grantTypes,
      List<URI> redirectUris,
      List<URI> postLogoutRedirectUris,
      Set<String> scopes,
      boolean highAssurance,
      SigningAlg idTokenSigningAlg,
      List<String> audience,
      Duration accessTokenTtl,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        clientId,
        clientName,
        sectorIdentifier,
        authMethod,
        secretDigest,
        secretIssuedAt,
        jwks,
        grantTypes,
        redirectUris,
        postLogoutRedirectUris,
        scopes,
        highAssurance,
        idTokenSigningAlg,
        audience,
        accessTokenTtl,
        enabled,
        createdAt,
        updatedAt,
        Optional.empty(),
        false);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  private static void requireRedirectUri(URI uri, String name) {
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null) {
      throw new IllegalArgumentException(name + ": absolute URIs without fragment");
    }
    boolean loopback =
        uri.getHost().equals("localhost")
            || uri.getHost().equals("127.0.0.1")
            || uri.getHost().equals("[::1]");
    if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
      throw new IllegalArgumentException(name + ": https (http only for loopback)");
    }
  }

  public OidcClient withSecretDigest(String digest, Instant issuedAt) {
    return new OidcClient(
        id,
        clientId,
        clientName,
        sectorIdentifier,
        authMethod,
        Optional.of(digest),
        Optional.of(issuedAt),
        jwks,
        grantTypes,
        redirectUris,
        postLogoutRedirectUris,
        scopes,
        highAssurance,
        idTokenSigningAlg,
        audience,
        accessTokenTtl,
        enabled,
        createdAt,
        issuedAt,
        backchannelLogoutUri,
        backchannelLogoutSessionRequired);
  }

  public OidcClient withEnabled(boolean value, Instant now) {
    return new OidcClient(
        id,
        clientId,
        clientName,
        sectorIdentifier,
        authMethod,
        secretDigest,
        secretIssuedAt,
        jwks,
        grantTypes,
        redirectUris,
        postLogoutRedirectUris,
        scopes,
        highAssurance,
        idTokenSigningAlg,
        audience,
        accessTokenTtl,
        value,
        createdAt,
        now,
        backchannelLogoutUri,
        backchannelLogoutSessionRequired);
  }
}
