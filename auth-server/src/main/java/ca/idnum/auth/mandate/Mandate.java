package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mandate: {@code principal} lets the citizen with {@code mandataryEmail} (once accepted: {@code
 * mandatary}) act on their behalf at {@code clients} or the clients of {@code sectors}, for {@code
 * scopes}, from {@code startsOn} to {@code endsOn} inclusive (dates in Quebec's time zone).
 */
public record Mandate(
    String id,
    CitizenId principal,
    String mandataryEmail,
    Optional<CitizenId> mandatary,
    List<String> clients,
    List<String> sectors,
    Set<String> scopes,
    LocalDate startsOn,
    LocalDate endsOn,
    MandateState state,
    String consentTextVersion,
    Instant consentedAt,
    Instant createdAt,
    Optional<Instant> endedAt,
    Optional<String> endedBy) {

  /** What a page shows: the stored state, with dates applied to an accepted mandate. */
  public enum Status {
    PROPOSED,
    UPCOMING,
    ACTIVE,
    EXPIRED,
    REFUSED,
    ENDED
  }

  public Mandate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(mandataryEmail, "mandataryEmail");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startsOn, "startsOn");
    Objects.requireNonNull(endsOn, "endsOn");
    clients = List.copyOf(clients);
    sectors = List.copyOf(sectors);
    scopes = Set.copyOf(new TreeSet<>(scopes));
    mandatary = mandatary == null ? Optional.empty() : mandatary;
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    endedBy = endedBy == null ? Optional.empty() : endedBy;
    if (clients.isEmpty() && sectors.isEmpty()) {
      throw new IllegalArgumentException("a mandate names at least one client or sector");
    }
    if (endsOn.isBefore(startsOn)) {
      throw new IllegalArgumentException("endsOn before startsOn");
    }
  }

  public Status status(LocalDate today) {
    return switch (state) {
      case PROPOSED -> today.isAfter(endsOn) ? Status.EXPIRED : Status.PROPOSED;
      case REFUSED -> Status.REFUSED;
      case ENDED -> endedBy.map("EXPIRY"::equals).orElse(false) ? Status.EXPIRED : Status.ENDED;
      case ACCEPTED ->
          today.isBefore(startsOn)
              ? Status.UPCOMING
              : today.isAfter(endsOn) ? Status.EXPIRED : Status.ACTIVE;
    };
  }

  /** Accepted, and today within its dates. */
  public boolean activeOn(LocalDate today) {
    return status(today) == Status.ACTIVE;
  }

  /** Whether it names the client, or the client's sector. */
  public boolean covers(String clientId, String sector) {
    return clients.contains(clientId) || (sector != null && sectors.contains(sector));
  }

  /** The scopes of a request the mandatary may use: those the mandate lists, and {@code openid}. */
  public Set<String> narrow(Set<String> requested) {
    Set<String> allowed = new TreeSet<>();
    for (String scope : requested) {
      if ("openid".equals(scope) || scopes.contains(scope)) {
        allowed.add(scope);
      }
    }
    return allowed;
  }

  /** Space-separated scopes, sorted. */
  public String scopeText() {
    return String.join(" ", new TreeSet<>(scopes));
  }
}
