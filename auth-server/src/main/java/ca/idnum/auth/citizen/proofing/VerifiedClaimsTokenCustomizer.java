package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.mandate.Delegation;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds a verified citizen's identity to tokens, as a contribution beside the provider's main token
 * customizer: {@code verified_claims} in the ID token when {@code idnum.identity} was granted, and
 * {@code idnum_verified} in access tokens carrying a wallet-api credential scope ({@code
 * idnum:vc:*}). Nothing is added for a citizen who is not verified.
 */
public final class VerifiedClaimsTokenCustomizer
    implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final VerifiedIdentities identities;

  public VerifiedClaimsTokenCustomizer(VerifiedIdentities identities) {
    this.identities = identities;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return;
    }
    Set<String> scopes = context.getAuthorizedScopes();
    if (scopes == null || scopes.isEmpty()) {
      return;
    }
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    boolean identity = idToken && scopes.contains(ScopeCatalog.IDENTITY);
    boolean wallet =
        OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
            && scopes.stream().anyMatch(s -> s.startsWith(VerifiedClaims.CREDENTIAL_SCOPE_PREFIX));
    if (!identity && !wallet) {
      return;
    }
    // a delegated authorization releases the principal's identity (mandates)
    Optional<VerifiedIdentity> verified =
        Delegation.of(context.getAuthorization())
            .map(
                d ->
                    d.organisation()
                        ? Optional.<CitizenId>empty()
                        : Optional.of(CitizenId.parse(d.principal())))
            .orElseGet(() -> citizen(context.getPrincipal()))
            .flatMap(identities::find);
    if (verified.isEmpty()) {
      return;
    }
    if (identity) {
      context.getClaims().claim("verified_claims", VerifiedClaims.of(verified.get()));
    }
    if (wallet) {
      context
          .getClaims()
          .claim(VerifiedClaims.WALLET_CLAIM, VerifiedClaims.forWallet(verified.get()));
    }
  }

  private static Optional<CitizenId> citizen(Authentication principal) {
    if (principal == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CitizenId.parse(principal.getName()));
    } catch (IllegalArgumentException notACitizen) {
      return Optional.empty();
    }
  }
}
