package ca.idnum.auth.oidc.dpop;

import ca.idnum.auth.oidc.OidcProperties;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.web.OAuthErrors;
import ca.idnum.server.store.ShortLivedStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DPoP policy at the token endpoint (RFC 9449), in front of Spring Authorization Server (which then
 * binds the tokens to the proof's key):
 *
 * <ul>
 *   <li>high-assurance clients must send a DPoP proof (FAPI 2.0 sender-constrained tokens);
 *   <li>a proof's {@code jti} is accepted once across all nodes (replay cache in the short-lived
 *       store);
 *   <li>a server nonce is required for high-assurance clients (and for all clients when {@code
 *       idnum.oidc.dpop-nonce-required=true}): a missing or stale nonce gets {@code use_dpop_nonce}
 *       with a fresh {@code DPoP-Nonce} header.
 * </ul>
 */
public final class DPoPTokenEndpointFilter extends OncePerRequestFilter {

  private static final Duration REPLAY_WINDOW = Duration.ofMinutes(2);

  private final String tokenEndpoint;
  private final ShortLivedStore store;
  private final DPoPNonces nonces;
  private final OidcProperties properties;
  private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

  public DPoPTokenEndpointFilter(
      String tokenEndpoint, ShortLivedStore store, DPoPNonces nonces, OidcProperties properties) {
    this.tokenEndpoint = tokenEndpoint;
    this.store = store;
    this.nonces = nonces;
    this.properties = properties;
    Function<DPoPProofContext, OAuth2TokenValidator<Jwt>> validators =
        DPoPProofJwtDecoderFactory.createDefaultJwtValidatorFactory(List.of(this::notReplayed));
    decoders.setJwtValidatorFactory(validators);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !"/oauth2/token"
            .equals(request.getRequestURI().substring(request.getContextPath().length()));
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
    boolean highAssurance = IdnumRegisteredClients.isHighAssurance(client);
    String grantType = request.getParameter("grant_type");
    boolean userGrant = "authorization_code".equals(grantType) || "refresh_token".equals(grantType);
    List<String> proofs = Collections.list(request.getHeaders("DPoP"));
    if (proofs.isEmpty()) {
      if (highAssurance && userGrant) {
        fail(response, OAuth2ErrorCodes.INVALID_DPOP_PROOF, "DPoP proof required for this client");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (proofs.size() > 1 || proofs.get(0).length() > 8192) {
      fail(response, OAuth2ErrorCodes.INVALID_DPOP_PROOF, "exactly one DPoP proof expected");
      return;
    }
    Jwt proof;
    try {
      proof =
          decoders
              .createDecoder(
                  DPoPProofContext.withDPoPProof(proofs.get(0))
                      .method("POST")
                      .targetUri(tokenEndpoint)
                      .build())
              .decode(proofs.get(0));
    } catch (JwtException | IllegalArgumentException e) {
      fail(response, OAuth2ErrorCodes.INVALID_DPOP_PROOF, "invalid DPoP proof");
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
    response.setHeader("DPoP-Nonce", nonces.current());
    chain.doFilter(request, response);
  }

  private OAuth2TokenValidatorResult notReplayed(Jwt proof) {
    String jti = proof.getId();
    if (jti == null || jti.isBlank() || jti.length() > 200) {
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, "jti required", null));
    }
    Object jwk = proof.getHeaders().get("jwk");
    String key = "dpop-jti:" + Integer.toHexString(String.valueOf(jwk).hashCode()) + ":" + jti;
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

  private static void fail(HttpServletResponse response, String code, String description)
      throws IOException {
    OAuthErrors.write(response, 400, new OAuth2Error(code, description, null), Map.of());
  }
}
