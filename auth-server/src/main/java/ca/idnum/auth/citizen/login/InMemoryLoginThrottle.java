package ca.idnum.auth.citizen.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LoginThrottle} in process memory, for one node (the embedded default): an exact sliding
 * window (the times of the failures still inside the window, at most the maximum per key). Entries
 * expire on their own; the maps are swept when they grow, and past {@link #MAX_ENTRIES} live keys
 * no new key is tracked, so that a flood of distinct keys cannot exhaust memory (the per-address
 * limit, whose keys a client cannot multiply as cheaply, still applies then).
 */
public final class InMemoryLoginThrottle implements LoginThrottle {

  static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final LoginThrottleProperties properties;
  private final Map<String, Counter> accounts = new ConcurrentHashMap<>();
  private final Map<String, Counter> addresses = new ConcurrentHashMap<>();
  private volatile Instant lastSweep = Instant.EPOCH;

  public InMemoryLoginThrottle(Clock clock, LoginThrottleProperties properties) {
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public boolean permits(String accountKey, String clientAddress) {
    Instant now = clock.instant();
    return !held(accounts.get(accountKey), now) && !held(addresses.get(clientAddress), now);
  }

  @Override
  public boolean recordFailure(String accountKey, String clientAddress) {
    Instant now = clock.instant();
    sweepIfLarge(now);
    boolean[] locked = {false};
    if (accounts.size() < MAX_ENTRIES || accounts.containsKey(accountKey)) {
      accounts.compute(
          accountKey,
          (k, c) -> {
            Counter counter = c == null ? new Counter() : c;
            locked[0] =
                counter.fail(
                    now,
                    properties.accountMaxFailures(),
                    properties.accountLockout(),
                    properties.accountLockout(),
                    properties);
            return counter;
          });
    }
    if (addresses.size() < MAX_ENTRIES || addresses.containsKey(clientAddress)) {
      addresses.compute(
          clientAddress,
          (k, c) -> {
            Counter counter = c == null ? new Counter() : c;
            counter.fail(
                now,
                properties.addressMaxFailures(),
                properties.addressWindow(),
                properties.addressWindow(),
                null);
            return counter;
          });
    }
    return locked[0];
  }

  @Override
  public void clear(String accountKey) {
    accounts.remove(accountKey);
  }

  private static boolean held(Counter counter, Instant now) {
    if (counter == null) {
      return false;
    }
    synchronized (counter) {
      return counter.blocked(now) || (counter.notBefore != null && now.isBefore(counter.notBefore));
    }
  }

  private void sweepIfLarge(Instant now) {
    boolean large = accounts.size() >= MAX_ENTRIES / 2 || addresses.size() >= MAX_ENTRIES / 2;
    if (large && now.isAfter(lastSweep.plusSeconds(1))) {
      lastSweep = now;
      accounts.values().removeIf(c -> c.expired(now, properties.accountLockout()));
      addresses.values().removeIf(c -> c.expired(now, properties.addressWindow()));
    }
  }

  /** Whether a key is currently tracked (for tests and metrics). */
  int trackedKeys() {
    return accounts.size() + addresses.size();
  }

  private static final class Counter {
    private final Deque<Instant> failures = new ArrayDeque<>();
    private Instant blockedUntil;
    private Instant notBefore;

    private boolean blocked(Instant now) {
      return blockedUntil != null && now.isBefore(blockedUntil);
    }

    /**
     * Counts a failure in the sliding window; reaching {@code max} blocks the key for {@code block}
     * (returns true then). With {@code delays}, sets the progressive delay of the next attempt.
     */
    private synchronized boolean fail(
        Instant now, int max, Duration window, Duration block, LoginThrottleProperties delays) {
      if (blocked(now)) {
        return false;
      }
      Instant since = now.minus(window);
      while (!failures.isEmpty() && !failures.peekFirst().isAfter(since)) {
        failures.pollFirst();
      }
      failures.addLast(now);
      if (failures.size() >= max) {
        blockedUntil = now.plus(block);
        failures.clear();
        notBefore = null;
        return true;
      }
      if (delays != null) {
        Duration delay = delays.delayAfter(failures.size());
        notBefore = delay.isZero() ? null : now.plus(delay);
      }
      return false;
    }

    private synchronized boolean expired(Instant now, Duration window) {
      Instant since = now.minus(window);
      boolean recent = !failures.isEmpty() && failures.peekLast().isAfter(since);
      return !recent && !blocked(now) && (notBefore == null || !now.isBefore(notBefore));
    }
  }
}
