package ca.idnum.auth.citizen.login;

import ca.idnum.server.store.ShortLivedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A sliding-window counter on the shared {@link ShortLivedStore}: one counter per fixed bucket of
 * one window ({@code INCR}, expiring after two windows); the count is the current bucket plus the
 * previous one weighted by how much of it is still inside the window, rounded up (so it is never
 * below the true count by a whole event). Callers choose keys (digests, never clear addresses).
 */
public final class SlidingWindowCounter {

  private final ShortLivedStore store;
  private final Duration window;
  private final Clock clock;

  public SlidingWindowCounter(ShortLivedStore store, Duration window, Clock clock) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.store = store;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one event under {@code key}; returns the count in the window, this one included. */
  public long increment(String key) {
    Instant now = clock.instant();
    long bucket = bucket(now);
    long current = store.increment(key + ":" + bucket, window.multipliedBy(2));
    long previous = store.get(key + ":" + (bucket - 1)).map(SlidingWindowCounter::parse).orElse(0L);
    double into = (now.toEpochMilli() % window.toMillis()) / (double) window.toMillis();
    return current + (long) Math.ceil(previous * (1 - into) - 1e-9);
  }

  /** Forgets the events under {@code key}. */
  public void reset(String key) {
    long bucket = bucket(clock.instant());
    store.delete(key + ":" + bucket);
    store.delete(key + ":" + (bucket - 1));
  }

  private long bucket(Instant now) {
    return now.toEpochMilli() / window.toMillis();
  }

  private static long parse(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0L;
    }
  }
}
