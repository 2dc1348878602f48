package ca.idnum.auth.citizen.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LoginThrottle} in process memory, for one node (the embedded default). Entries expire on
 * their own; the maps are swept when they grow, and past {@link #MAX_ENTRIES} live keys no new key
 * is tracked, so that a flood of distinct keys cannot exhaust memory (the per-address limit, whose
 * keys a client cannot multiply as cheaply, still applies then).
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
    return !blocked(accounts.get(accountKey), now) && !blocked(addresses.get(clientAddress), now);
  }

  @Override
  public void recordFailure(String accountKey, String clientAddress) {
    Instant now = clock.instant();
    sweepIfLarge(now);
    if (accounts.size() < MAX_ENTRIES || accounts.containsKey(accountKey)) {
      accounts.compute(
          accountKey,
          (k, c) ->
              fail(
                  c,
                  now,
                  properties.accountMaxFailures(),
                  properties.accountLockout(),
                  properties.accountLockout()));
    }
    if (addresses.size() < MAX_ENTRIES || addresses.containsKey(clientAddress)) {
      addresses.compute(
          clientAddress,
          (k, c) ->
              fail(
                  c,
                  now,
                  properties.addressMaxFailures(),
                  properties.addressWindow(),
                  properties.addressWindow()));
    }
  }

  @Override
  public void clear(String accountKey) {
    accounts.remove(accountKey);
  }

  private static boolean blocked(Counter counter, Instant now) {
    return counter != null && counter.blockedUntil != null && now.isBefore(counter.blockedUntil);
  }

  /**
   * Counts a failure in the counter's window (which starts at the first failure and lasts {@code
   * window}); reaching {@code max} blocks the key for {@code block}.
   */
  private static Counter fail(Counter c, Instant now, int max, Duration window, Duration block) {
    if (c == null || c.expired(now)) {
      c = new Counter(now.plus(window));
    }
    if (blocked(c, now)) {
      return c;
    }
    c.failures++;
    if (c.failures >= max) {
      c.blockedUntil = now.plus(block);
      c.failures = 0;
      c.windowEnd = c.blockedUntil;
    }
    return c;
  }

  private void sweepIfLarge(Instant now) {
    boolean large = accounts.size() >= MAX_ENTRIES / 2 || addresses.size() >= MAX_ENTRIES / 2;
    if (large && now.isAfter(lastSweep.plusSeconds(1))) {
      lastSweep = now;
      accounts.values().removeIf(c -> c.expired(now));
      addresses.values().removeIf(c -> c.expired(now));
    }
  }

  /** Whether a key is currently tracked (for tests and metrics). */
  int trackedKeys() {
    return accounts.size() + addresses.size();
  }

  private static final class Counter {
    private Instant windowEnd;
    private Instant blockedUntil;
    private int failures;

    private Counter(Instant windowEnd) {
      this.windowEnd = windowEnd;
    }

    private boolean expired(Instant now) {
      return !now.isBefore(windowEnd) && (blockedUntil == null || !now.isBefore(blockedUntil));
    }
  }
}
