package ca.idnum.wallet.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void whenFailuresReachTheThresholdThenCallsAreRefusedUntilTheOpenDurationEnds() {
    MutableClock clock = new MutableClock();
    CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(b.tryAcquire()).isTrue();
      b.onFailure();
    }
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(b.tryAcquire()).isFalse();
    clock.now = clock.now.plusSeconds(31);
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(b.tryAcquire()).as("one trial").isTrue();
    assertThat(b.tryAcquire()).as("only one trial at a time").isFalse();
    b.onSuccess();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void whenTheTrialCallFailsThenTheBreakerOpensAgain() {
    MutableClock clock = new MutableClock();
    CircuitBreaker b = new CircuitBreaker(1, Duration.ofSeconds(10), clock);
    b.tryAcquire();
    b.onFailure();
    clock.now = clock.now.plusSeconds(11);
    assertThat(b.tryAcquire()).isTrue();
    b.onFailure();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void whenASuccessComesBeforeTheThresholdThenTheCountRestarts() {
    CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(10), new MutableClock());
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
