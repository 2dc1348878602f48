package ca.idnum.auth.oidc.exchange;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A token exchange grant on its way from {@link TokenExchangeConverter} to the provider, and then,
 * with what the provider decided, to the token generator ({@link ExchangedTokenCustomizer}).
 */
final class TokenExchangeAuthentication extends OAuth2AuthorizationGrantAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final transient TokenExchangeRequest request;
  private final transient ExchangedToken decision;

  TokenExchangeAuthentication(Authentication clientPrincipal, TokenExchangeRequest request) {
    this(clientPrincipal, request, null);
  }

  private TokenExchangeAuthentication(
      Authentication clientPrincipal, TokenExchangeRequest request, ExchangedToken decision) {
    super(AuthorizationGrantType.TOKEN_EXCHANGE, clientPrincipal, Map.of());
    this.request = request;
    this.decision = decision;
  }

  TokenExchangeRequest request() {
    return request;
  }

  /** This grant with the provider's decision. */
  TokenExchangeAuthentication decided(ExchangedToken exchanged) {
    return new TokenExchangeAuthentication((Authentication) getPrincipal(), request, exchanged);
  }

  Optional<ExchangedToken> decision() {
    return Optional.ofNullable(decision);
  }
}
