package ca.idnum.auth.citizen.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} messages per address within a sliding {@code window}, so that the
 * registration and reset forms cannot be used to flood someone's mailbox. In process memory (one
 * node); the map is swept of idle addresses as it grows.
 */
public final class AddressRateLimit {

  private static final int SWEEP_AT = 10_000;

  private final Clock clock;
  private final int max;
  private final Duration window;
  private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

  public AddressRateLimit(Clock clock, int max, Duration window) {
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("max >= 1 and a positive window");
    }
    this.clock = clock;
    this.max = max;
    this.window = window;
  }

  /** Counts a message to this (normalised) address; false when over the limit (not counted). */
  public boolean tryAcquire(String address) {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    if (sent.size() >= SWEEP_AT) {
      sent.entrySet()
          .removeIf(
              e -> {
                synchronized (e.getValue()) {
                  return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(since);
                }
              });
    }
    Deque<Instant> times = sent.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
        times.pollFirst();
      }
      if (times.size() >= max) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }
}
