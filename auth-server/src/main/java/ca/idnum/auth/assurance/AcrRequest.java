package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an authorization request asks about the level of assurance: {@code acr_values}
 * (space-separated, voluntary) and the {@code acr} member of the {@code claims} parameter (OIDC
 * Core §5.5.1.1: {@code {"id_token":{"acr":{"essential":true,"values":[...]}}}}). When several
 * levels are listed, any of them satisfies the request, so the lowest one known is required.
 * Unknown values are ignored; a {@code claims} value that is not a JSON object is an error.
 */
public final class AcrRequest {

  /** The {@code claims} parameter is malformed. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private AcrRequest() {}

  public static AssuranceRequirement parse(String acrValues, String claims) throws Malformed {
    AssuranceRequirement requirement = AssuranceRequirement.NONE;
    if (acrValues != null && !acrValues.isBlank()) {
      Optional<LevelOfAssurance> lowest = lowest(List.of(acrValues.trim().split("\\s+")));
      if (lowest.isPresent()) {
        requirement = requirement.and(AssuranceRequirement.voluntary(lowest.get()));
      }
    }
    if (claims != null) {
      requirement = requirement.and(fromClaims(claims));
    }
    return requirement;
  }

  private static AssuranceRequirement fromClaims(String claims) throws Malformed {
    Map<String, Object> parsed;
    try {
      if (claims.length() > 4096) {
        throw new Malformed("claims: too long");
      }
      parsed = JSONObjectUtils.parse(claims);
    } catch (ParseException e) {
      throw new Malformed("claims: not a JSON object");
    }
    AssuranceRequirement requirement = AssuranceRequirement.NONE;
    for (String member : List.of("id_token", "userinfo")) {
      Object target = parsed.get(member);
      if (target == null) {
        continue;
      }
      if (!(target instanceof Map<?, ?> targetMap)) {
        throw new Malformed("claims: " + member + " must be an object");
      }
      Object acr = targetMap.get("acr");
      if (acr == null) {
        continue;
      }
      if (!(acr instanceof Map<?, ?> acrRequest)) {
        continue; // null (no specific request) per OIDC Core §5.5.1
      }
      List<String> values = new ArrayList<>();
      if (acrRequest.get("value") instanceof String v) {
        values.add(v);
      }
      if (acrRequest.get("values") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s) {
            values.add(s);
          }
        }
      }
      boolean essential = Boolean.TRUE.equals(acrRequest.get("essential"));
      Optional<LevelOfAssurance> lowest = lowest(values);
      if (lowest.isPresent()) {
        requirement =
            requirement.and(
                essential
                    ? AssuranceRequirement.essential(lowest.get())
                    : AssuranceRequirement.voluntary(lowest.get()));
      }
    }
    return requirement;
  }

  private static Optional<LevelOfAssurance> lowest(List<String> values) {
    LevelOfAssurance lowest = null;
    for (String v : values) {
      Optional<LevelOfAssurance> level = LevelOfAssurance.fromUri(v);
      if (level.isPresent() && (lowest == null || level.get().compareTo(lowest) < 0)) {
        lowest = level.get();
      }
    }
    return Optional.ofNullable(lowest);
  }
}
