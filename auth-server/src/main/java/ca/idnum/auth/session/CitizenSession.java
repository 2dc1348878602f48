package ca.idnum.auth.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One login session of a citizen, as the account page and the admin API show it.
 *
 * @param sid the OpenID Connect session identifier (base64url SHA-256 of the HTTP session id)
 * @param citizenId internal citizen identifier
 * @param device browser and system ("Firefox, Linux")
 * @param place where from, when known
 */
public record CitizenSession(
    String sid,
    String citizenId,
    String device,
    Optional<String> place,
    Instant createdAt,
    Instant lastSeenAt,
    Optional<Instant> endedAt,
    Optional<SessionEndReason> endReason) {

  public CitizenSession {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(citizenId, "citizenId");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    place = place == null ? Optional.empty() : place;
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    endReason = endReason == null ? Optional.empty() : endReason;
  }

  /** Whether the session is still usable at {@code now}. */
  public boolean openAt(Instant now, SessionProperties properties) {
    return endedAt.isEmpty()
        && lastSeenAt
            .plus(properties.idleTimeout())
            .plus(properties.lastSeenResolution())
            .isAfter(now)
        && createdAt.plus(properties.absoluteTimeout()).isAfter(now);
  }
}
