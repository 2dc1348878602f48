package ca.idnum.auth.mandate;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * A delegated authorization: the mandatary (the authenticated citizen, the authorization's
 * principal name) acts for a principal: a citizen under a mandate, or an organisation they
 * represent. Kept as an attribute of the stored authorization, so that refreshes keep it and the
 * end of the mandate (or of the representation) can be checked.
 *
 * @param kind whom the mandatary acts for
 * @param grant the mandate id ({@link Kind#CITIZEN}) or the organisation id ({@link
 *     Kind#ORGANISATION})
 * @param principal the citizen (internal id) or organisation (internal id) acted for
 * @param mandatary the citizen who acts (internal id)
 */
public record Delegation(Kind kind, String grant, String principal, String mandatary)
    implements Serializable {

  /** Whom the mandatary acts for. */
  public enum Kind {
    CITIZEN,
    ORGANISATION
  }

  /** The authorization attribute. */
  public static final String ATTRIBUTE = "ca.idnum.auth.mandate.Delegation";

  public Delegation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(mandatary, "mandatary");
  }

  /** Acting for a citizen under a mandate. */
  public static Delegation forCitizen(String mandateId, String principal, String mandatary) {
    return new Delegation(Kind.CITIZEN, mandateId, principal, mandatary);
  }

  /** Acting for an organisation as its representative. */
  public static Delegation forOrganisation(String organisationId, String representative) {
    return new Delegation(Kind.ORGANISATION, organisationId, organisationId, representative);
  }

  public boolean organisation() {
    return kind == Kind.ORGANISATION;
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
   * The citizen whose information the authorization releases: the principal of a delegation for a
   * citizen, else the authenticated citizen; empty for an organisation (no citizen's information is
   * released: the representative's own stays theirs).
   */
  public static Optional<String> subjectCitizen(OAuth2Authorization authorization) {
    Optional<Delegation> delegation = of(authorization);
    if (delegation.isEmpty()) {
      return Optional.of(authorization.getPrincipalName());
    }
    return delegation.get().organisation()
        ? Optional.empty()
        : Optional.of(delegation.get().principal());
  }
}
