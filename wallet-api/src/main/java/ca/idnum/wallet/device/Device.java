package ca.idnum.wallet.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A registered device of the wallet app.
 *
 * @param id its identifier
 * @param name the name the app gave it
 * @param registeredAt when it was registered
 * @param revokedAt when it was revoked, or {@code null}
 * @param holderKeys the RFC 7638 thumbprints of its holder keys
 * @param dpopJkt the thumbprint of the DPoP key its access tokens are bound to
 */
public record Device(
    UUID id,
    String name,
    Instant registeredAt,
    Instant revokedAt,
    List<String> holderKeys,
    String dpopJkt) {

  /** Validates. */
  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(registeredAt, "registeredAt");
    holderKeys = List.copyOf(holderKeys);
  }

  /** Whether it was revoked. */
  public boolean revoked() {
    return revokedAt != null;
  }
}
