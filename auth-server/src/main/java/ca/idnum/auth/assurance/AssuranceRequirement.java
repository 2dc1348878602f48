package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import java.util.Objects;

/**
 * The level an authorization request asks for.
 *
 * @param requested the level to take the citizen to when they can reach it: the highest of what was
 *     asked ({@code acr_values} are voluntary, OIDC Core §3.1.2.1: when unreachable, the login goes
 *     on and the ID token says the level achieved)
 * @param required the level that must be met (an essential {@code acr} claim, the client's
 *     registered minimum); {@link LevelOfAssurance#LOA1} when nothing is essential. Below it no
 *     code is issued: {@code unmet_authentication_requirements}
 */
public record AssuranceRequirement(LevelOfAssurance requested, LevelOfAssurance required) {

  public static final AssuranceRequirement NONE =
      new AssuranceRequirement(LevelOfAssurance.LOA1, LevelOfAssurance.LOA1);

  public AssuranceRequirement {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(required, "required");
    requested = LevelOfAssurance.max(requested, required);
  }

  public static AssuranceRequirement voluntary(LevelOfAssurance level) {
    return new AssuranceRequirement(level, LevelOfAssurance.LOA1);
  }

  public static AssuranceRequirement essential(LevelOfAssurance level) {
    return new AssuranceRequirement(level, level);
  }

  /** Both requirements at once. */
  public AssuranceRequirement and(AssuranceRequirement other) {
    return new AssuranceRequirement(
        LevelOfAssurance.max(requested, other.requested),
        LevelOfAssurance.max(required, other.required));
  }
}
