package ca.idnum.auth.oidc.client;

import ca.idnum.auth.oidc.consent.ScopeCatalog;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client metadata as the admin API receives and returns it (names from RFC 7591 / OpenID Connect
 * Dynamic Client Registration where they exist).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientMetadata(
    @JsonProperty("client_id") String clientId,
    @JsonProperty("client_name") String clientName,
    @JsonProperty("sector_identifier") String sectorIdentifier,
    @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
    @JsonProperty("jwks") Map<String, Object> jwks,
    @JsonProperty("grant_types") List<String> grantTypes,
    @JsonProperty("redirect_uris") List<String> redirectUris,
    @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
    @JsonProperty("scope") String scope,
    @JsonProperty("high_assurance") Boolean highAssurance,
    @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
    @JsonProperty("audience") List<String> audience,
    @JsonProperty("access_token_lifetime") Integer accessTokenLifetime,
    @JsonProperty("backchannel_logout_uri") String backchannelLogoutUri,
    @JsonProperty("backchannel_logout_session_required") Boolean backchannelLogoutSessionRequired) {

  /** Metadata without back-channel logout. */
  public ClientMetadata(
      String clientId,
      String clientName,
      String sectorIdentifier,
      String tokenEndpointAuthMethod,
      Map<String, Object> jwks,
      List<String> grantTypes,
      List<String> redirectUris,
      List<String> postLogoutRedirectUris,
      String scope,
      Boolean highAssurance,
      String idTokenSignedResponseAlg,
      List<String> audience,
      Integer accessTokenLifetime) {
    this(
        clientId,
        clientName,
        sectorIdentifier,
        tokenEndpointAuthMethod,
        jwks,
        grantTypes,
        redirectUris,
        postLogoutRedirectUris,
        scope,
        highAssurance,
        idTokenSignedResponseAlg,
        audience,
        accessTokenLifetime,
        null,
        null);
  }

  public ClientAuthMethod authMethod() {
    try {
      return ClientAuthMethod.parse(
          tokenEndpointAuthMethod == null ? "client_secret_basic" : tokenEndpointAuthMethod);
    } catch (IllegalArgumentException e) {
      throw new ClientRegistrationException(
          "token_endpoint_auth_method: client_secret_basic, private_key_jwt or none");
    }
  }

  /** Validates this metadata into a client. */
  public OidcClient toClient(
      String id,
      Optional<String> secretDigest,
      Optional<Instant> secretIssuedAt,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt) {
    Set<String> scopes = new LinkedHashSet<>();
    if (scope != null && !scope.isBlank()) {
      scopes.addAll(List.of(scope.trim().split("\\s+")));
    }
    for (String s : scopes) {
      if (!ScopeCatalog.isKnown(s)) {
        throw new ClientRegistrationException("scope: unknown scope");
      }
      if ((s.startsWith("idnum:issuer:") || s.startsWith("idnum:verifier:"))
          && (grantTypes == null || !List.of("client_credentials").equals(grantTypes))) {
        throw new ClientRegistrationException(
            "scope: back-office scopes are for client_credentials clients only");
      }
    }
    Optional<String> jwkSet = Optional.empty();
    if (jwks != null) {
      try {
        JWKSet parsed = JWKSet.parse(jwks);
        for (JWK key : parsed.getKeys()) {
          if (key.isPrivate()) {
            throw new ClientRegistrationException("jwks: public keys only");
          }
        }
        if (parsed.getKeys().isEmpty()) {
          throw new ClientRegistrationException("jwks: at least one key");
        }
        jwkSet = Optional.of(parsed.toString(true));
      } catch (ParseException e) {
        throw new ClientRegistrationException("jwks: not a valid JWK set");
      }
    }
    try {
      return new OidcClient(
          id,
          clientId,
          clientName,
          sectorIdentifier,
          authMethod(),
          secretDigest,
          secretIssuedAt,
          jwkSet,
          grantTypes == null
              ? Set.of("authorization_code", "refresh_token")
              : Set.copyOf(grantTypes),
          uris(redirectUris, "redirect_uris"),
          uris(postLogoutRedirectUris, "post_logout_redirect_uris"),
          scopes,
          highAssurance != null && highAssurance,
          idTokenSignedResponseAlg == null
              ? SigningAlg.RS256
              : SigningAlg.parse(idTokenSignedResponseAlg),
          audience == null ? List.of() : audience,
          Duration.ofSeconds(accessTokenLifetime == null ? 300 : accessTokenLifetime),
          enabled,
          createdAt,
          updatedAt,
          backchannelLogoutUri == null
              ? Optional.empty()
              : Optional.of(uris(List.of(backchannelLogoutUri), "backchannel_logout_uri").get(0)),
          backchannelLogoutSessionRequired != null && backchannelLogoutSessionRequired);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ClientRegistrationException(e.getMessage());
    }
  }

  /** The metadata of a registered client (no secret, ever). */
  public static ClientMetadata of(OidcClient client) {
    Map<String, Object> jwks = null;
    if (client.jwks().isPresent()) {
      try {
        jwks = JWKSet.parse(client.jwks().get()).toJSONObject(true);
      } catch (ParseException e) {
        jwks = null;
      }
    }
    return new ClientMetadata(
        client.clientId(),
        client.clientName(),
        client.sectorIdentifier(),
        client.authMethod().value(),
        jwks,
        client.grantTypes().stream().sorted().toList(),
        client.redirectUris().stream().map(URI::toString).toList(),
        client.postLogoutRedirectUris().stream().map(URI::toString).toList(),
        String.join(" ", client.scopes().stream().sorted().toList()),
        client.highAssurance(),
        client.idTokenSigningAlg().name(),
        client.audience(),
        (int) client.accessTokenTtl().toSeconds(),
        client.backchannelLogoutUri().map(URI::toString).orElse(null),
        client.backchannelLogoutUri().isPresent()
            ? client.backchannelLogoutSessionRequired()
            : null);
  }

  private static List<URI> uris(List<String> values, String name) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .map(
            v -> {
              try {
                return new URI(v);
              } catch (URISyntaxException | NullPointerException e) {
                throw new ClientRegistrationException(name + ": not a valid URI");
              }
            })
        .toList();
  }
}
