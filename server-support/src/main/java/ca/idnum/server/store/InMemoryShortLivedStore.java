package ca.idnum.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process {@link ShortLivedStore} for a single node (the embedded default). Expiry follows the
 * injected {@link Clock}; expired entries are purged lazily on access and by a periodic sweep.
 */
public final class InMemoryShortLivedStore implements ShortLivedStore {

  private static final int SWEEP_EVERY = 1024;

  private record Entry(String value, Instant expiresAt) {
    boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();
  private final Clock clock;

  public InMemoryShortLivedStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    entries.put(key, new Entry(value, expiry(ttl)));
    afterWrite();
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    Instant now = clock.instant();
    Entry fresh = new Entry(value, expiry(ttl));
    boolean[] stored = {false};
    entries.compute(
        key,
        (k, current) -> {
          if (current == null || current.expired(now)) {
            stored[0] = true;
            return fresh;
          }
          return current;
        });
    afterWrite();
    return stored[0];
  }

  @Override
  public Optional<String> get(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expired(clock.instant())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  @Override
  public Optional<String> take(String key) {
    Entry entry = entries.remove(key);
    if (entry == null || entry.expired(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  @Override
  public void delete(String key) {
    entries.remove(key);
  }

  @Override
  public long increment(String key, Duration ttl) {
    Instant now = clock.instant();
    Entry updated =
        entries.compute(
            key,
            (k, current) -> {
              if (current == null || current.expired(now)) {
                return new Entry("1", expiry(ttl));
              }
              return new Entry(
                  Long.toString(Long.parseLong(current.value()) + 1), current.expiresAt());
            });
    afterWrite();
    return Long.parseLong(updated.value());
  }

  /** Number of entries held, expired ones included until purged (for tests and metrics). */
  public int size() {
    return entries.size();
  }

  /** Removes every expired entry. */
  public void purgeExpired() {
    Instant now = clock.instant();
    entries.entrySet().removeIf(e -> e.getValue().expired(now));
  }

  private Instant expiry(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return clock.instant().plus(ttl);
  }

  private void afterWrite() {
    if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
      purgeExpired();
    }
  }
}
