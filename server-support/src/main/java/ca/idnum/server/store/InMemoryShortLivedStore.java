package ca.idnum.server.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process {@link ShortLivedStore} for a single node (the embedded default). Expiry follows the
 * injected {@link Clock}: an expired entry is never returned. Memory is released by Caffeine's
 * timer wheel as entries expire, at a constant cost per write (a periodic sweep of the whole map
 * cost a share of every write that grew with the number of entries held: with refresh-token
 * families kept for hours, it took 14 % of the CPU of a refresh grant under load).
 */
public final class InMemoryShortLivedStore implements ShortLivedStore {

  private record Entry(String value, Instant expiresAt) {
    boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private final Clock clock;
  private final Cache<String, Entry> cache;
  private final ConcurrentMap<String, Entry> entries;

  public InMemoryShortLivedStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = Caffeine.newBuilder().expireAfter(new UntilExpiry(clock)).build();
    this.entries = cache.asMap();
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    entries.put(key, new Entry(value, expiry(ttl)));
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
    return Long.parseLong(updated.value());
  }

  /** Number of entries held once pending expirations are done (for tests and metrics). */
  public int size() {
    cache.cleanUp();
    return entries.size();
  }

  /** Removes every entry expired by the injected clock now. */
  public void purgeExpired() {
    Instant now = clock.instant();
    entries.values().removeIf(e -> e.expired(now));
  }

  private Instant expiry(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return clock.instant().plus(ttl);
  }

  /** Caffeine keeps each entry until its own expiry instant, whatever wrote it. */
  private record UntilExpiry(Clock clock) implements Expiry<String, Entry> {

    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return remaining(entry);
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return remaining(entry);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remaining(Entry entry) {
      Duration left = Duration.between(clock.instant(), entry.expiresAt());
      if (left.isNegative()) {
        return 0;
      }
      return left.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1
          ? Long.MAX_VALUE
          : left.toNanos();
    }
  }
}
