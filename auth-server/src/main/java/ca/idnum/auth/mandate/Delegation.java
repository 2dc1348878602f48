package ca.idnum.auth.mandate;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * A delegated authorization: the mandatary (the authenticated citizen, the authorization's
 * principal name) acts for the principal under a mandate. Kept as an attribute of the stored
 * authorization, so that refreshes keep it and the end of the mandate can be checked.
 *
 * @param mandateId the mandate
 * @param principal the citizen acted for (internal id)
 * @param mandatary the citizen who acts (internal id)
 */
public record Delegation(String mandateId, String principal, String mandatary)
    implements Serializable {

  /** The authorization attribute. */
  public static final String ATTRIBUTE = "ca.idnum.auth.mandate.Delegation";

  public Delegation {
    Objects.requireNonNull(mandateId, "mandateId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(mandatary, "mandatary");
  }

  public static Optional<Delegation> of(OAuth2Authorization authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    return authorization.getAttribute(ATTRIBUTE) instanceof Delegation d
        ? Optional.of(d)
        : Optional.empty();
  }

  /**
   * The citizen whose information the authorization releases: the principal of a delegated one,
   * else the authenticated citizen.
   */
  public static String subjectCitizen(OAuth2Authorization authorization) {
    return of(authorization).map(Delegation::principal).orElse(authorization.getPrincipalName());
  }
}
