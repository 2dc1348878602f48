package ca.idnum.auth.oidc.exchange;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.mandate.Delegation;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.token.TokenLineage;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.security.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * RFC 8693 token exchange for a relying body's back end: it trades an access token it holds for a
 * citizen (the subject token) for a narrower one for one downstream API, possibly naming an actor.
 *
 * <p>Spring Authorization Server's own {@code OAuth2TokenExchangeAuthenticationProvider} is
 * replaced: it accepts a subject token issued to any client, checks scopes against the client's
 * registration rather than the subject token, leaves the audience open, and has no lineage. Here:
 *
 * <ul>
 *   <li>the client is registered for the grant ({@code unauthorized_client} otherwise);
 *   <li>the subject token (and the actor token) is an active access token of this server issued to
 *       the requesting client for a citizen ({@code invalid_grant} otherwise: unknown, tampered,
 *       expired, revoked, another client's, a client's own token);
 *   <li>the target is one of the client's registered audiences ({@code invalid_target});
 *   <li>the scope is a subset of the subject token's (default: the same; {@code invalid_scope});
 *   <li>the new token keeps the subject's {@code sub}, {@code acr}, {@code auth_time} and {@code
 *       act} chain; an actor token adds its {@code sub} as the new outermost actor (RFC 8693 §4.1),
 *       within what a {@code may_act} claim of the subject token allows;
 *   <li>it expires no later than the subject token; no refresh token nor ID token is issued;
 *   <li>a DPoP-bound subject token is exchanged only with a proof of the same key; a proof binds
 *       the new token to its key;
 *   <li>the new authorization records its lineage ({@link TokenLineage}) and a {@code
 *       token.exchanged} audit event is written.
 * </ul>
 */
public final class TokenExchangeProvider implements AuthenticationProvider {

  private final OAuth2AuthorizationService authorizations;
  private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final DPoPProofJwtDecoderFactory proofs = new DPoPProofJwtDecoderFactory();

  public TokenExchangeProvider(
      OAuth2AuthorizationService authorizations,
      OAuth2TokenGenerator<? extends OAuth2Token> tokens,
      AuditLog audit,
      Clock clock) {
    this.authorizations = authorizations;
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return TokenExchangeAuthentication.class.isAssignableFrom(authentication);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    TokenExchangeAuthentication grant = (TokenExchangeAuthentication) authentication;
    TokenExchangeRequest request = grant.request();
    if (!(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
        || !clientPrincipal.isAuthenticated()) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }
    RegisteredClient client = clientPrincipal.getRegisteredClient();
    if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
      throw TokenExchangeError.UNAUTHORIZED_CLIENT.exception();
    }
    Instant now = clock.instant();

    OAuth2Authorization parent =
        ownActiveToken(client, request.subjectToken(), now)
            .orElseThrow(TokenExchangeError.UNKNOWN_SUBJECT_TOKEN::exception);
    Authentication principal = parent.getAttribute(Principal.class.getName());
    if (principal == null
        || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(parent.getAuthorizationGrantType())) {
      throw TokenExchangeError.NOT_A_CITIZEN.exception();
    }
    OAuth2AccessToken subjectToken = parent.getAccessToken().getToken();
    Map<String, Object> subjectClaims = claims(parent);
    if (!(subjectClaims.get("sub") instanceof String subject)) {
      throw TokenExchangeError.UNKNOWN_SUBJECT_TOKEN.exception();
    }

    List<String> audience = client.getClientSettings().getSetting(IdnumRegisteredClients.AUDIENCE);
    if (audience == null || !audience.contains(request.target())) {
      throw TokenExchangeError.UNREGISTERED_TARGET.exception();
    }
    Set<String> scopes = new TreeSet<>(subjectToken.getScopes());
    if (request.scopes().isPresent()) {
      if (!scopes.containsAll(request.scopes().get())) {
        throw TokenExchangeError.SCOPE_NOT_IN_SUBJECT.exception();
      }
      scopes = new TreeSet<>(request.scopes().get());
    }

    Optional<Map<String, Object>> act = copyMap(subjectClaims.get("act"));
    Optional<String> actorName = Optional.empty();
    if (request.actorToken().isPresent()) {
      OAuth2Authorization actorAuthorization =
          ownActiveToken(client, request.actorToken().get(), now)
              .orElseThrow(TokenExchangeError.UNKNOWN_ACTOR_TOKEN::exception);
      if (!(claims(actorAuthorization).get("sub") instanceof String actor)) {
        throw TokenExchangeError.UNKNOWN_ACTOR_TOKEN.exception();
      }
      Optional<Map<String, Object>> mayAct = copyMap(subjectClaims.get("may_act"));
      if (mayAct.isPresent() && !actor.equals(mayAct.get().get("sub"))) {
        throw TokenExchangeError.ACTOR_NOT_ALLOWED.exception();
      }
      actorName = Optional.ofNullable(actorAuthorization.getPrincipalName());
      Map<String, Object> outermost = new LinkedHashMap<>();
      outermost.put("sub", actor);
      act.ifPresent(previous -> outermost.put("act", previous));
      act = Optional.of(outermost);
    }

    Jwt proof = proof(request, subjectClaims);
    Instant expiresAt = now.plus(client.getTokenSettings().getAccessTokenTimeToLive());
    if (subjectToken.getExpiresAt() != null && subjectToken.getExpiresAt().isBefore(expiresAt)) {
      expiresAt = subjectToken.getExpiresAt();
    }
    ExchangedToken exchanged =
        new ExchangedToken(
            subject,
            request.target(),
            act,
            Optional.ofNullable(subjectClaims.get("acr")),
            Optional.ofNullable(subjectClaims.get("auth_time")),
            expiresAt);

    DefaultOAuth2TokenContext.Builder context =
        DefaultOAuth2TokenContext.builder()
            .registeredClient(client)
            .authorization(parent)
            .principal(principal)
            .authorizationServerContext(AuthorizationServerContextHolder.getContext())
            .authorizedScopes(scopes)
            .tokenType(OAuth2TokenType.ACCESS_TOKEN)
            .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
            .authorizationGrant(grant.decided(exchanged));
    if (proof != null) {
      context.put(OAuth2TokenContext.DPOP_PROOF_KEY, proof);
    }
    OAuth2Token generated = tokens.generate(context.build());
    if (!(generated instanceof ClaimAccessor jwt)) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR, "the access token was not issued", null));
    }
    OAuth2AccessToken accessToken =
        new OAuth2AccessToken(
            proof != null ? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER,
            generated.getTokenValue(),
            generated.getIssuedAt(),
            generated.getExpiresAt(),
            scopes);
    OAuth2Authorization.Builder builder =
        OAuth2Authorization.withRegisteredClient(client)
            .principalName(parent.getPrincipalName())
            .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
            .authorizedScopes(scopes)
            .attribute(Principal.class.getName(), principal)
            .attribute(TokenLineage.ATTRIBUTE, TokenLineage.of(parent, request.subjectToken()))
            .token(
                accessToken,
                metadata -> {
                  metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
                  metadata.put(
                      OAuth2TokenFormat.class.getName(),
                      OAuth2TokenFormat.SELF_CONTAINED.getValue());
                });
    // a delegated subject token passes its delegation on: the exchanged token is checked against
    // the mandate (or representation) like its parent, and ends with it
    Object delegation = parent.getAttribute(Delegation.ATTRIBUTE);
    if (delegation != null) {
      builder.attribute(Delegation.ATTRIBUTE, delegation);
    }
    OAuth2Authorization authorization = builder.build();
    authorizations.save(authorization);
    audit.record(
        new AuditEvent(
            AuditTypes.TOKEN_EXCHANGED,
            now,
            parent.getPrincipalName(),
            client.getClientId(),
            details(request.target(), scopes, act, actorName, subjectClaims.get("acr"))));
    return new OAuth2AccessTokenAuthenticationToken(
        client,
        clientPrincipal,
        accessToken,
        null,
        Map.of(
            OAuth2ParameterNames.ISSUED_TOKEN_TYPE, TokenExchangeRequest.TOKEN_TYPE_ACCESS_TOKEN));
  }

  /** The authorization whose current, active access token {@code value} is, issued to client. */
  private Optional<OAuth2Authorization> ownActiveToken(
      RegisteredClient client, String value, Instant now) {
    if (value.length() > 16_384) {
      return Optional.empty();
    }
    OAuth2Authorization found = authorizations.findByToken(value, OAuth2TokenType.ACCESS_TOKEN);
    if (found == null || !client.getId().equals(found.getRegisteredClientId())) {
      return Optional.empty();
    }
    OAuth2Authorization.Token<OAuth2AccessToken> token = found.getAccessToken();
    if (token == null
        || !value.equals(token.getToken().getTokenValue())
        || token.isInvalidated()
        || token.getToken().getExpiresAt() == null
        || !token.getToken().getExpiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /**
   * The request's DPoP proof, verified for this endpoint (the DPoP policy filter has already
   * checked it, its nonce and its replay); a DPoP-bound subject token requires one of the same key.
   */
  private Jwt proof(TokenExchangeRequest request, Map<String, Object> subjectClaims) {
    Object boundTo =
        subjectClaims.get("cnf") instanceof Map<?, ?> cnf ? cnf.get("jkt") : (Object) null;
    if (request.dpopProof().isEmpty()) {
      if (boundTo != null) {
        throw TokenExchangeError.SUBJECT_KEY_BOUND.exception();
      }
      return null;
    }
    Jwt proof;
    String thumbprint;
    try {
      String tokenUri =
          AuthorizationServerContextHolder.getContext().getIssuer()
              + AuthorizationServerContextHolder.getContext()
                  .getAuthorizationServerSettings()
                  .getTokenEndpoint();
      proof =
          proofs
              .createDecoder(
                  DPoPProofContext.withDPoPProof(request.dpopProof().get())
                      .method("POST")
                      .targetUri(tokenUri)
                      .build())
              .decode(request.dpopProof().get());
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
      thumbprint = JWK.parse(jwk).computeThumbprint().toString();
    } catch (ParseException | JOSEException | RuntimeException e) {
      throw TokenExchangeError.INVALID_DPOP_PROOF.exception();
    }
    if (boundTo != null && !boundTo.equals(thumbprint)) {
      throw TokenExchangeError.SUBJECT_KEY_BOUND.exception();
    }
    return proof;
  }

  private static Map<String, Object> claims(OAuth2Authorization authorization) {
    Map<String, Object> claims = authorization.getAccessToken().getClaims();
    return claims == null ? Map.of() : claims;
  }

  /** A plain, serializable copy of a JSON object claim. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> copyMap(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    return Optional.of((Map<String, Object>) copy(value));
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>();
      collection.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return value;
  }

  /**
   * Audit details: the target, the scopes, the actor chain as the token states it ({@code sub}
   * values, outermost first), the new actor's internal identifier (citizen or client) when an actor
   * token was presented, the level.
   */
  private static Map<String, String> details(
      String audience,
      Set<String> scopes,
      Optional<Map<String, Object>> act,
      Optional<String> actorName,
      Object acr) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("audience", audience);
    details.put("scopes", String.join(" ", scopes));
    List<String> actors = new ArrayList<>();
    Object current = act.orElse(null);
    while (current instanceof Map<?, ?> actor && actors.size() < 10) {
      actors.add(String.valueOf(actor.get("sub")));
      current = actor.get("act");
    }
    if (!actors.isEmpty()) {
      details.put("actors", String.join(" > ", actors));
    }
    actorName.ifPresent(name -> details.put("actor", name));
    if (acr instanceof String level) {
      details.put("level", level);
    }
    return details;
  }
}
