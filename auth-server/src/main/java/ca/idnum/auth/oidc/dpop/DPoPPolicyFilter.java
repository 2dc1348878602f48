package ca.idnum.auth.oidc.dpop;

import ca.idnum.auth.oidc.OidcProperties;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.web.OAuthErrors;
import ca.idnum.auth.web.WithParameters;
import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.jwk.JWK;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DPoP policy (RFC 9449) at the token and pushed authorization request endpoints, in front of
 * Spring Authorization Server (which then binds the tokens to the proof's key):
 *
 * <ul>
 *   <li>high-assurance and public clients must send a DPoP proof with their code, refresh and token
 *       exchange grants (FAPI 2.0 sender-constrained tokens);
 *   <li>a proof's {@code jti} is accepted once across all nodes (replay cache in the short-lived
 *       store);
 *   <li>a server nonce is required for high-assurance clients (and for all clients when {@code
 *       idnum.oidc.dpop-nonce-required=true}): a missing or stale nonce gets {@code use_dpop_nonce}
 *       with a fresh {@code DPoP-Nonce} header;
 *   <li>authorization code binding (§10): a pushed authorization request with a DPoP proof, or any
 *       request with {@code dpop_jkt}, binds the code to that key; the code is then redeemed only
 *       with a proof of the same key.
 * </ul>
 */
public final class DPoPPolicyFilter extends OncePerRequestFilter {

  private static final Duration REPLAY_WINDOW = Duration.ofMinutes(2);
  private static final String TOKEN_PATH = "/oauth2/token";
  private static final String PAR_PATH = "/oauth2/par";

  private final String issuer;
  private final ShortLivedStore store;
  private final DPoPNonces nonces;
  private final OidcProperties properties;
  private final OAuth2AuthorizationService authorizations;
  private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

  public DPoPPolicyFilter(
      String issuer,
      ShortLivedStore store,
      DPoPNonces nonces,
      OidcProperties properties,
      OAuth2AuthorizationService authorizations) {
    this.issuer = issuer;
    this.store = store;
    this.nonces = nonces;
    this.properties = properties;
    this.authorizations = authorizations;
    Function<DPoPProofContext, OAuth2TokenValidator<Jwt>> validators =
        DPoPProofJwtDecoderFactory.createDefaultJwtValidatorFactory(List.of(this::notReplayed));
    decoders.setJwtValidatorFactory(validators);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !"POST".equals(request.getMethod())
        || !(TOKEN_PATH.equals(path) || PAR_PATH.equals(path));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RegisteredClient client = authenticatedClient();
    if (client == null) {
      chain.doFilter(request, response);
      return;
    }
    boolean pushed = PAR_PATH.equals(path(request));
    boolean highAssurance = IdnumRegisteredClients.isHighAssurance(client);
    String grantType = request.getParameter("grant_type");
    boolean codeGrant = !pushed && "authorization_code".equals(grantType);
    boolean userGrant =
        codeGrant
            || (!pushed
                && ("refresh_token".equals(grantType)
                    || "urn:ietf:params:oauth:grant-type:token-exchange".equals(grantType)));
    List<String> proofs = Collections.list(request.getHeaders("DPoP"));
    String boundKey = codeGrant ? boundKey(request.getParameter("code")) : null;
    if (proofs.isEmpty()) {
      if (((highAssurance || IdnumRegisteredClients.isPublic(client)) && userGrant)
          || boundKey != null) {
        fail(response, "DPoP proof required for this client");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (proofs.size() > 1 || proofs.get(0).length() > 8192) {
      fail(response, "exactly one DPoP proof expected");
      return;
    }
    Jwt proof;
    String thumbprint;
    try {
      proof =
          decoders
              .createDecoder(
                  DPoPProofContext.withDPoPProof(proofs.get(0))
                      .method("POST")
                      .targetUri(issuer + (pushed ? PAR_PATH : TOKEN_PATH))
                      .build())
              .decode(proofs.get(0));
      thumbprint = thumbprint(proof);
    } catch (JwtException | IllegalArgumentException e) {
      fail(response, "invalid DPoP proof");
      return;
    }
    if (highAssurance || properties.dpopNonceRequired()) {
      if (!nonces.isValid(proof.getClaimAsString("nonce"))) {
        OAuthErrors.write(
            response,
            400,
            new OAuth2Error("use_dpop_nonce", "a DPoP nonce from this server is required", null),
            Map.of("DPoP-Nonce", nonces.current()));
        return;
      }
    }
    if (boundKey != null && !boundKey.equals(thumbprint)) {
      fail(response, "DPoP key does not match the key the authorization code is bound to");
      return;
    }
    response.setHeader("DPoP-Nonce", nonces.current());
    if (pushed) {
      String requested = request.getParameter("dpop_jkt");
      if (requested != null && !requested.equals(thumbprint)) {
        fail(response, "dpop_jkt does not match the DPoP proof");
        return;
      }
      chain.doFilter(withParameter(request, "dpop_jkt", thumbprint), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The {@code dpop_jkt} the authorization request bound the code to, if any. */
  private String boundKey(String code) {
    if (code == null || code.isEmpty() || code.length() > 512) {
      return null;
    }
    OAuth2Authorization authorization =
        authorizations.findByToken(code, new OAuth2TokenType("code"));
    if (authorization == null) {
      return null;
    }
    OAuth2AuthorizationRequest request =
        authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
    Object jkt = request == null ? null : request.getAdditionalParameters().get("dpop_jkt");
    return jkt == null ? null : jkt.toString();
  }

  private static String thumbprint(Jwt proof) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
      return JWK.parse(jwk).computeThumbprint().toString();
    } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | RuntimeException e) {
      throw new IllegalArgumentException("invalid jwk");
    }
  }

  private OAuth2TokenValidatorResult notReplayed(Jwt proof) {
    String jti = proof.getId();
    if (jti == null || jti.isBlank() || jti.length() > 200) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "jti required", null));
    }
    String key;
    try {
      key = "dpop-jti:" + thumbprint(proof) + ":" + jti;
    } catch (IllegalArgumentException e) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "invalid jwk", null));
    }
    if (!store.putIfAbsent(key, "1", REPLAY_WINDOW)) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "DPoP proof replayed", null));
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static RegisteredClient authenticatedClient() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof OAuth2ClientAuthenticationToken client
        && client.isAuthenticated()) {
      return client.getRegisteredClient();
    }
    return null;
  }

  private static HttpServletRequest withParameter(
      HttpServletRequest request, String name, String value) {
    Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
    parameters.put(name, new String[] {value});
    return new WithParameters(request, parameters);
  }

  private static void fail(HttpServletResponse response, String description) throws IOException {
    OAuthErrors.write(
        response,
        400,
        new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, description, null),
        Map.of());
  }
}
