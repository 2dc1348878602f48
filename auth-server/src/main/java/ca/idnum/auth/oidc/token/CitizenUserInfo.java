package ca.idnum.auth.oidc.token;

import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import ca.idnum.auth.mandate.Delegation;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * The userinfo response: the pairwise {@code sub} of the access token and the citizen's claims for
 * the scopes the access token carries (OIDC Core §5.4; {@code idnum.identity} for verified identity
 * claims; {@code address} releases the OIDC Core §5.1.1 address object when the citizen entered
 * one), read through {@link CitizenDirectory}.
 */
public final class CitizenUserInfo
    implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

  private final CitizenDirectory citizens;

  public CitizenUserInfo(CitizenDirectory citizens) {
    this.citizens = citizens;
  }

  @Override
  public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
    OAuth2Authorization authorization = context.getAuthorization();
    OAuth2AccessToken accessToken = context.getAccessToken();
    OAuth2Authorization.Token<OAuth2AccessToken> token =
        authorization.getToken(OAuth2AccessToken.class);
    Object sub = token == null || token.getClaims() == null ? null : token.getClaims().get("sub");
    CitizenId citizen;
    try {
      // a delegated authorization releases the principal's information (mandates)
      Optional<String> subject = Delegation.subjectCitizen(authorization);
      if (subject.isEmpty()) {
        return organisation(token.getClaims(), sub);
      }
      citizen = CitizenId.parse(subject.get());
    } catch (IllegalArgumentException notACitizen) {
      throw invalidToken();
    }
    CitizenProfile profile = citizens.find(citizen).orElseThrow(CitizenUserInfo::invalidToken);
    if (sub == null) {
      throw invalidToken();
    }
    Set<String> scopes = accessToken.getScopes();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub.toString());
    if (token.getClaims().get("act") instanceof Map<?, ?> act) {
      claims.put("act", act);
    }
    if (scopes.contains("profile")) {
      profile.givenName().ifPresent(v -> claims.put("given_name", v));
      profile.familyName().ifPresent(v -> claims.put("family_name", v));
      if (profile.givenName().isPresent() && profile.familyName().isPresent()) {
        claims.put("name", profile.givenName().get() + " " + profile.familyName().get());
      }
      profile.locale().ifPresent(v -> claims.put("locale", v));
    }
    if (scopes.contains("email")) {
      claims.put("email", profile.email());
      claims.put("email_verified", profile.emailVerified());
    }
    if (scopes.contains("phone")) {
      profile.phoneNumber().ifPresent(v -> claims.put("phone_number", v));
      profile
          .phoneNumber()
          .ifPresent(v -> claims.put("phone_number_verified", profile.phoneNumberVerified()));
    }
    if (scopes.contains(OidcScopes.ADDRESS)) {
      profile.address().ifPresent(v -> claims.put("address", v.toClaim()));
    }
    if (scopes.contains(ScopeCatalog.IDENTITY)) {
      profile.givenName().ifPresent(v -> claims.put("given_name", v));
      profile.familyName().ifPresent(v -> claims.put("family_name", v));
      profile.birthdate().ifPresent(v -> claims.put("birthdate", v.toString()));
    }
    return new OidcUserInfo(claims);
  }

  /** A representative acting for an organisation: no citizen's information, only who acts. */
  private static OidcUserInfo organisation(Map<String, Object> tokenClaims, Object sub) {
    if (sub == null) {
      throw invalidToken();
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub.toString());
    for (String name : List.of("act", "idnum_org")) {
      if (tokenClaims.get(name) != null) {
        claims.put(name, tokenClaims.get(name));
      }
    }
    return new OidcUserInfo(claims);
  }

  private static OAuth2AuthenticationException invalidToken() {
    return new OAuth2AuthenticationException(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "no such citizen", null));
  }
}
