package ca.idnum.auth.citizen;

import java.time.Instant;
import java.util.Objects;

/**
 * Application event: a citizen's login credentials changed in a way that must end their open
 * sessions everywhere (a password reset with an e-mailed code; an authenticator removed). The
 * sessions feature listens and signs every session of the citizen out, relying bodies included.
 *
 * @param reason a short code for the audit log ({@code password_reset}, ...)
 */
public record CredentialsChanged(CitizenId citizen, String reason, Instant at) {

  public CredentialsChanged {
    Objects.requireNonNull(citizen, "citizen");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
