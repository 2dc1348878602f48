package ca.idnum.auth.oidc.exchange;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Gives an exchanged access token what {@link TokenExchangeProvider} decided, over what the
 * provider's other customizers wrote: the subject token's {@code sub}, {@code acr}, {@code
 * auth_time} and {@code act} chain, the one target as {@code aud}, and an expiry no later than the
 * subject token's. Runs after every other customizer but the audit recorder.
 */
public final class ExchangedTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

  @Override
  public void customize(JwtEncodingContext context) {
    if (!(context.getAuthorizationGrant() instanceof TokenExchangeAuthentication grant)
        || grant.decision().isEmpty()
        || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return;
    }
    ExchangedToken exchanged = grant.decision().get();
    context
        .getClaims()
        .subject(exchanged.subject())
        .audience(List.of(exchanged.audience()))
        .expiresAt(exchanged.expiresAt())
        .claims(
            claims -> {
              claims.remove("act");
              claims.remove("acr");
              claims.remove("auth_time");
              exchanged.act().ifPresent(act -> claims.put("act", act));
              exchanged.acr().ifPresent(acr -> claims.put("acr", acr));
              exchanged.authTime().ifPresent(t -> claims.put("auth_time", t));
            });
  }
}
