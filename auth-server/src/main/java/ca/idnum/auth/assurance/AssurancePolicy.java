package ca.idnum.auth.assurance;

import java.util.Map;

/**
 * What an authorization request of a client requires: what it asks ({@link AcrRequest}) and the
 * minimum registered for the client, which is always essential.
 */
public final class AssurancePolicy {

  private final ClientMinimumLevels minimums;

  public AssurancePolicy(ClientMinimumLevels minimums) {
    this.minimums = minimums;
  }

  public AssuranceRequirement requirement(String clientId, Map<String, ?> parameters)
      throws AcrRequest.Malformed {
    AssuranceRequirement asked =
        AcrRequest.parse(string(parameters.get("acr_values")), string(parameters.get("claims")));
    return minimums
        .minimum(clientId)
        .map(min -> asked.and(AssuranceRequirement.essential(min)))
        .orElse(asked);
  }

  private static String string(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof String[] a && a.length > 0) {
      return a[0];
    }
    return null;
  }
}
