package ca.idnum.sdk.openid4vci;

import java.util.List;

/**
 * A credential response (OpenID4VCI 1.0 §8.3).
 *
 * @param credentials the issued credentials, in the order of the proofs
 * @param notificationId the id for the notification endpoint, or {@code null}
 */
public record CredentialResponse(List<String> credentials, String notificationId) {

  /** Copies. */
  public CredentialResponse {
    credentials = List.copyOf(credentials);
  }
}
