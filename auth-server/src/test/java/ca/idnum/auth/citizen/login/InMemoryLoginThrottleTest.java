package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryLoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock();
  private final InMemoryLoginThrottle throttle =
      new InMemoryLoginThrottle(
          clock, new LoginThrottleProperties(3, Duration.ofMinutes(15), 5, Duration.ofMinutes(10)));

  @Test
  void whenAnAccountFailsTheMaximumThenItIsBlockedUntilTheLockoutEnds() {
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    throttle.recordFailure("a@example.ca", "10.0.0.2");
    assertThat(throttle.permits("a@example.ca", "10.0.0.3")).isTrue();
    throttle.recordFailure("a@example.ca", "10.0.0.3");

    assertThat(throttle.permits("a@example.ca", "10.0.0.9")).isFalse();
    assertThat(throttle.permits("b@example.ca", "10.0.0.9")).isTrue();
    clock.advance(Duration.ofMinutes(14));
    assertThat(throttle.permits("a@example.ca", "10.0.0.9")).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.permits("a@example.ca", "10.0.0.9")).isTrue();
  }

  @Test
  void whenFailuresAreSpreadBeyondTheWindowThenTheCountStartsAgain() {
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    clock.advance(Duration.ofMinutes(16));
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    assertThat(throttle.permits("a@example.ca", "10.0.0.2")).isTrue();
  }

  @Test
  void whenOneAddressFailsAcrossManyAccountsThenThatAddressIsBlocked() {
    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("user" + i + "@example.ca", "10.0.0.66");
    }
    assertThat(throttle.permits("someone@example.ca", "10.0.0.66")).isFalse();
    assertThat(throttle.permits("someone@example.ca", "10.0.0.67")).isTrue();
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.permits("someone@example.ca", "10.0.0.66")).isTrue();
  }

  @Test
  void whenTheAccountIsClearedThenItsFailuresAreForgotten() {
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    throttle.clear("a@example.ca");
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    throttle.recordFailure("a@example.ca", "10.0.0.1");
    assertThat(throttle.permits("a@example.ca", "10.0.0.2")).isTrue();
  }

  @Test
  void whenEntriesExpireThenTheyAreSweptOnceTheMapGrows() {
    for (int i = 0; i < InMemoryLoginThrottle.MAX_ENTRIES / 2; i++) {
      throttle.recordFailure("user" + i + "@example.ca", "10.1." + (i / 250) + "." + (i % 250));
    }
    clock.advance(Duration.ofHours(1));
    throttle.recordFailure("late@example.ca", "10.9.9.9");
    assertThat(throttle.trackedKeys()).isEqualTo(2);
  }
}
