package ca.idnum.auth.oidc.token;

import ca.idnum.auth.assurance.AssuranceLevels;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.OidcProperties;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes the provider's JWTs.
 *
 * <ul>
 *   <li>ID tokens: pairwise {@code sub}, {@code acr} (the level achieved: factors and a verified
 *       identity, {@link AssuranceLevels}), {@code amr}, {@code auth_time}; signed with the
 *       algorithm the client registered (RS256 by default).
 *   <li>Access tokens (RFC 9068): header {@code typ} {@code at+jwt}, signed with {@code
 *       idnum.oidc.access-token-signing-alg} (ES256 by default), {@code client_id}, audience
 *       restricted to the client's registered resources, pairwise {@code sub} for a citizen, the
 *       {@code client_id} for {@code client_credentials}; {@code scope} as a space-delimited
 *       string.
 * </ul>
 */
public final class IdnumTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final PairwiseSubjects pairwise;
  private final OidcProperties properties;
  private final Clock clock;
  private final AssuranceLevels levels;

  public IdnumTokenCustomizer(
      PairwiseSubjects pairwise, OidcProperties properties, Clock clock, AssuranceLevels levels) {
    this.pairwise = pairwise;
    this.properties = properties;
    this.clock = clock;
    this.levels = levels;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    RegisteredClient client = context.getRegisteredClient();
    boolean citizen =
        !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
    Authentication principal = context.getPrincipal();
    if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      AuthenticationContext login = AuthenticationContext.of(principal);
      context
          .getClaims()
          .subject(subject(client, principal))
          .expiresAt(clock.instant().plus(properties.idTokenTtl()))
          .claim("acr", levels.achieved(principal).uri())
          .claim("amr", login.amr());
      login.authTime().ifPresent(t -> context.getClaims().claim("auth_time", Date.from(t)));
    } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      context
          .getJwsHeader()
          .algorithm(properties.accessTokenSigningAlg().springValue())
          .type("at+jwt");
      List<String> audience =
          client.getClientSettings().getSetting(IdnumRegisteredClients.AUDIENCE);
      context
          .getClaims()
          .audience(
              audience == null || audience.isEmpty() ? List.of(client.getClientId()) : audience)
          .claim("client_id", client.getClientId());
      scopeClaim(context);
      addDPoPConfirmation(context);
      if (citizen) {
        AuthenticationContext login = AuthenticationContext.of(principal);
        context
            .getClaims()
            .subject(subject(client, principal))
            .claim("acr", levels.achieved(principal).uri());
        login.authTime().ifPresent(t -> context.getClaims().claim("auth_time", Date.from(t)));
      } else {
        context.getClaims().subject(client.getClientId());
      }
    }
  }

  /**
   * RFC 9068 §2.2.3 (and RFC 8693 §4.2): {@code scope} is one space-delimited string, not the JSON
   * array Spring Authorization Server writes by default.
   */
  private static void scopeClaim(JwtEncodingContext context) {
    Set<String> scopes = context.getAuthorizedScopes();
    if (scopes == null || scopes.isEmpty()) {
      context.getClaims().claims(claims -> claims.remove(OAuth2ParameterNames.SCOPE));
    } else {
      context
          .getClaims()
          .claim(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(scopes)));
    }
  }

  /** RFC 9449 §6: {@code cnf.jkt} of a DPoP-bound access token. */
  private static void addDPoPConfirmation(JwtEncodingContext context) {
    Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
    if (proof == null) {
      return;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
      String thumbprint = JWK.parse(jwk).computeThumbprint().toString();
      context.getClaims().claim("cnf", Map.of("jkt", thumbprint));
    } catch (ParseException | JOSEException | RuntimeException e) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "invalid jwk in DPoP proof", null));
    }
  }

  private String subject(RegisteredClient client, Authentication principal) {
    return pairwise.subject(
        IdnumRegisteredClients.sectorOf(client), CitizenId.parse(principal.getName()));
  }
}
