package ca.idnum.wallet.issuer;

import java.time.Instant;
import java.util.Objects;

/**
 * One signing key of an issuer over its life.
 *
 * @param identity the key and its certificate chain
 * @param createdAt when it was created
 * @param supersededAt when a rotation replaced it, or {@code null} while it is the active key
 * @param retireAt when it stops verifying (leaves the metadata), or {@code null} while active
 */
public record SigningKey(
    SigningIdentity identity, Instant createdAt, Instant supersededAt, Instant retireAt) {

  /** Validates. */
  public SigningKey {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether this key signs new credentials. */
  public boolean active() {
    return supersededAt == null;
  }
}
