package ca.idnum.sdk.openid4vci;

import java.util.List;

/**
 * A credential response (OpenID4VCI 1.0 §8.3) or a deferred one (§9): either credentials, or a
 * {@code transaction_id} to poll the deferred credential endpoint with after {@code interval}
 * seconds.
 *
 * @param credentials the issued credentials, in the order of the proofs (empty when pending)
 * @param notificationId the id for the notification endpoint, or {@code null}
 * @param transactionId the deferred transaction, or {@code null} when credentials were issued
 * @param interval seconds to wait before polling (0 when not pending)
 */
public record CredentialResponse(
    List<String> credentials, String notificationId, String transactionId, int interval) {

  /** Copies. */
  public CredentialResponse {
    credentials = List.copyOf(credentials);
  }

  /** Whether issuance was deferred. */
  public boolean isPending() {
    return transactionId != null;
  }
}
