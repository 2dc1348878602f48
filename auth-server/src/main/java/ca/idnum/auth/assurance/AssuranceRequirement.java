package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import java.util.Objects;

/**
 * The level an authorization request needs.
 *
 * @param level the lowest level that satisfies the request
 * @param essential true when a lower level must not be returned (an essential {@code acr} claim, or
 *     the client's registered minimum): then an unreachable level is an error ({@code
 *     unmet_authentication_requirements}); {@code acr_values} alone are voluntary (OIDC Core
 *     §3.1.2.1): the citizen is taken through step-up when possible, otherwise the ID token says
 *     the level achieved
 */
public record AssuranceRequirement(LevelOfAssurance level, boolean essential) {

  public static final AssuranceRequirement NONE =
      new AssuranceRequirement(LevelOfAssurance.LOA1, false);

  public AssuranceRequirement {
    Objects.requireNonNull(level, "level");
  }

  /** Both requirements at once: the higher level; essential if either essential one needs it. */
  public AssuranceRequirement and(AssuranceRequirement other) {
    int cmp = level.compareTo(other.level);
    if (cmp > 0) {
      return this;
    }
    if (cmp < 0) {
      return other;
    }
    return new AssuranceRequirement(level, essential || other.essential);
  }
}
