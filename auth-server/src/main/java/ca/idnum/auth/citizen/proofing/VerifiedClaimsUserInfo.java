package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.mandate.Delegation;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * Adds {@code verified_claims} to the userinfo response of an access token carrying {@code
 * idnum.identity}, when the citizen is verified; wraps the provider's userinfo mapper.
 */
public final class VerifiedClaimsUserInfo {

  private final VerifiedIdentities identities;

  public VerifiedClaimsUserInfo(VerifiedIdentities identities) {
    this.identities = identities;
  }

  /** The mapper {@code base} plus {@code verified_claims}. */
  public Function<OidcUserInfoAuthenticationContext, OidcUserInfo> wrap(
      Function<OidcUserInfoAuthenticationContext, OidcUserInfo> base) {
    return context -> {
      OidcUserInfo info = base.apply(context);
      if (!context.getAccessToken().getScopes().contains(ScopeCatalog.IDENTITY)) {
        return info;
      }
      Optional<VerifiedIdentity> verified;
      try {
        verified =
            Delegation.subjectCitizen(context.getAuthorization())
                .map(CitizenId::parse)
                .flatMap(identities::find);
      } catch (IllegalArgumentException notACitizen) {
        return info;
      }
      if (verified.isEmpty()) {
        return info;
      }
      Map<String, Object> claims = new LinkedHashMap<>(info.getClaims());
      claims.put("verified_claims", VerifiedClaims.of(verified.get()));
      return new OidcUserInfo(claims);
    };
  }
}
