package ca.idnum.sdk.dcql;

import java.util.List;

/**
 * A credential set query (OpenID4VP 1.0 §6.2): alternative sets of credential query ids, and
 * whether one of them is required.
 *
 * @param options the alternatives, each a non-empty list of credential query ids, preferred first
 * @param required whether the Wallet must satisfy one option (default {@code true})
 */
public record CredentialSetQuery(List<List<String>> options, boolean required) {
  /** Validates. */
  public CredentialSetQuery {
    if (options == null || options.isEmpty()) {
      throw new IllegalArgumentException("credential_sets options must not be empty");
    }
    options = options.stream().map(List::copyOf).toList();
    for (List<String> o : options) {
      if (o.isEmpty()) {
        throw new IllegalArgumentException("an empty credential set option");
      }
    }
  }
}
