package ca.idnum.wallet.storage;

import java.util.Objects;

/**
 * The authenticated caller of the wallet storage API.
 *
 * @param citizen the token's {@code sub}: the citizen, pairwise in the wallet app's sector
 * @param jkt the thumbprint of the DPoP key the token is bound to (the calling device)
 * @param clientId the token's {@code client_id}, or {@code null}
 */
public record WalletCaller(String citizen, String jkt, String clientId) {

  /** Validates. */
  public WalletCaller {
    Objects.requireNonNull(citizen, "citizen");
    Objects.requireNonNull(jkt, "jkt");
  }
}
