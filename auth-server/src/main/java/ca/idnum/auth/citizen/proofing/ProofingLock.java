package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits failed matches per citizen on the shared {@link ShortLivedStore} (Redis in production, so
 * every node counts the same failures): {@code maxFailures} failed matches within the window lock
 * proofing for the lockout duration. The lock entry holds its end time, shown to the citizen.
 */
public final class ProofingLock {

  private static final String PREFIX = "proofing:";

  private final ShortLivedStore store;
  private final ProofingProperties properties;
  private final Clock clock;

  public ProofingLock(ShortLivedStore store, ProofingProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /** When proofing is locked for this citizen, the end of the lock. */
  public Optional<Instant> lockedUntil(CitizenId citizen) {
    return store
        .get(lockKey(citizen))
        .flatMap(ProofingLock::instant)
        .filter(clock.instant()::isBefore);
  }

  /**
   * Counts a failed match.
   *
   * @return the failures left before the lock, or empty when this failure locked proofing
   */
  public Optional<Integer> recordFailure(CitizenId citizen) {
    long failures = store.increment(countKey(citizen), properties.window());
    if (failures >= properties.maxFailures()) {
      Instant until = clock.instant().plus(properties.lockout());
      store.put(lockKey(citizen), until.toString(), properties.lockout());
      store.delete(countKey(citizen));
      return Optional.empty();
    }
    return Optional.of((int) (properties.maxFailures() - failures));
  }

  /** Forgets the failures (after a successful verification). */
  public void clear(CitizenId citizen) {
    store.delete(countKey(citizen));
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (RuntimeException e) {
      return Optional.of(Instant.MAX);
    }
  }

  private static String countKey(CitizenId citizen) {
    return PREFIX + "n:" + citizen;
  }

  private static String lockKey(CitizenId citizen) {
    return PREFIX + "lock:" + citizen;
  }
}
