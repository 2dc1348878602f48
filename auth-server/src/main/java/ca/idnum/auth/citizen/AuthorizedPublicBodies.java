package ca.idnum.auth.citizen;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The public bodies a citizen allowed to receive information, as the account page lists and revokes
 * them. The OpenID Provider (its consents) implements it; the account pages only go through it.
 */
public interface AuthorizedPublicBodies {

  /**
   * One remembered consent: the public body's client, its sector, the scopes the citizen approved
   * and when.
   */
  record Authorization(
      String clientId, String clientName, String sector, List<String> scopes, Instant grantedAt) {

    public Authorization {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientName, "clientName");
      Objects.requireNonNull(sector, "sector");
      Objects.requireNonNull(grantedAt, "grantedAt");
      scopes = List.copyOf(scopes);
    }
  }

  /** The citizen's consents, most recent first. */
  List<Authorization> of(CitizenId citizen);

  /**
   * Withdraws the citizen's consent to the client {@code clientId}: the next authorization request
   * of that client asks the citizen again. Returns whether there was one.
   */
  boolean revoke(CitizenId citizen, String clientId);
}
