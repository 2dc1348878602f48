package ca.idnum.wallet.verifier;

import ca.idnum.sdk.openid4vp.ClientId;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.wallet.issuer.SigningIdentity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registered relying body (verifier): names, purpose, the claims it may request per {@code vct},
 * its access certificate and key (from the platform CA) and its client identifier.
 *
 * @param body short name
 * @param nameFr display name in French
 * @param nameEn display name in English
 * @param purposeFr purpose in French
 * @param purposeEn purpose in English
 * @param allowedClaims per {@code vct}, the claims paths it may request
 * @param redirectUris registered same-device redirect URIs
 * @param webhook notified when a transaction ends, or {@code null}
 * @param identity the access certificate's key and chain
 * @param clientId the client identifier, bound to the certificate
 */
public record RelyingBody(
    String body,
    String nameFr,
    String nameEn,
    String purposeFr,
    String purposeEn,
    Map<String, List<ClaimPath>> allowedClaims,
    List<URI> redirectUris,
    URI webhook,
    SigningIdentity identity,
    ClientId clientId) {

  /** Validates. */
  public RelyingBody {
    Objects.requireNonNull(body, "body");
    allowedClaims = Map.copyOf(allowedClaims);
    redirectUris = List.copyOf(redirectUris);
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(clientId, "clientId");
  }

  /** Whether the body may request the claim at {@code path} of a credential of type {@code vct}. */
  public boolean mayRequest(String vct, ClaimPath path) {
    List<ClaimPath> allowed = allowedClaims.get(vct);
    if (allowed == null || path.hasWildcard()) {
      return allowed != null && allowed.stream().anyMatch(a -> isWithin(path, a));
    }
    return allowed.stream().anyMatch(a -> isWithin(path, a));
  }

  /** Whether {@code path} is {@code allowed} or lies inside it. */
  private static boolean isWithin(ClaimPath path, ClaimPath allowed) {
    if (path.size() < allowed.size()) {
      return false;
    }
    for (int i = 0; i < allowed.size(); i++) {
      if (!Objects.equals(allowed.elements().get(i), path.elements().get(i))) {
        return false;
      }
    }
    return true;
  }
}
