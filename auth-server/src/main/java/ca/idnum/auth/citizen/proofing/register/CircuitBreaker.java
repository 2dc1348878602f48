package ca.idnum.auth.citizen.proofing.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A small circuit breaker: after {@code threshold} consecutive failures it opens for {@code
 * openDuration}, refusing calls at once; then it lets one trial call through (half-open), closing
 * on success and re-opening on failure. Thread-safe. (Same behaviour as wallet-api's register
 * breaker; kept per module so that each server's register client stands alone.)
 */
public final class CircuitBreaker {

  /** The breaker's states. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openDuration;
  private final Clock clock;
  private int failures;
  private Instant openedAt;
  private boolean trialInFlight;

  public CircuitBreaker(int threshold, Duration openDuration, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be positive");
    }
    this.threshold = threshold;
    this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a call may go through now; a half-open breaker admits one trial at a time. */
  public synchronized boolean tryAcquire() {
    if (openedAt == null) {
      return true;
    }
    if (clock.instant().isBefore(openedAt.plus(openDuration)) || trialInFlight) {
      return false;
    }
    trialInFlight = true;
    return true;
  }

  /** Records a successful call: closes the breaker. */
  public synchronized void onSuccess() {
    failures = 0;
    openedAt = null;
    trialInFlight = false;
  }

  /** Records a failed call: opens the breaker at the threshold, or again after a failed trial. */
  public synchronized void onFailure() {
    failures++;
    if (trialInFlight || failures >= threshold) {
      openedAt = clock.instant();
    }
    trialInFlight = false;
  }

  /** The current state. */
  public synchronized State state() {
    if (openedAt == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openedAt.plus(openDuration)) ? State.OPEN : State.HALF_OPEN;
  }
}
