package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.server.store.InMemoryShortLivedStore;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sliding windows and progressive delays of both throttles (in process, and on the shared store,
 * here its in-process implementation; the Redis one is covered by {@link StoreLoginThrottleTest}),
 * on an injected clock.
 */
class SlidingWindowAndDelayTest {

  private static final LoginThrottleProperties PROPERTIES =
      new LoginThrottleProperties(
          5,
          Duration.ofMinutes(10),
          50,
          Duration.ofMinutes(10),
          2,
          Duration.ofSeconds(1),
          Duration.ofSeconds(8),
          30,
          Duration.ofMinutes(15));

  static Stream<Arguments> throttles() {
    MutableClock a = new MutableClock();
    MutableClock b = new MutableClock();
    return Stream.of(
        Arguments.of("in-process", new InMemoryLoginThrottle(a, PROPERTIES), a),
        Arguments.of(
            "store", new StoreLoginThrottle(new InMemoryShortLivedStore(b), PROPERTIES, b), b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throttles")
  void whenAnAccountKeepsFailingThenEachNextAttemptWaitsLonger(
      String name, LoginThrottle throttle, MutableClock clock) {
    String account = "delai@example.ca";
    assertThat(throttle.recordFailure(account, "10.0.0.1")).isFalse();
    assertThat(throttle.permits(account, "10.0.0.1")).as("no delay after one failure").isTrue();

    assertThat(throttle.recordFailure(account, "10.0.0.1")).isFalse();
    assertThat(throttle.permits(account, "10.0.0.1")).as("1 s after the 2nd failure").isFalse();
    clock.shift(Duration.ofMillis(1_100));
    assertThat(throttle.permits(account, "10.0.0.1")).isTrue();

    assertThat(throttle.recordFailure(account, "10.0.0.1")).isFalse();
    clock.shift(Duration.ofMillis(1_100));
    assertThat(throttle.permits(account, "10.0.0.1")).as("2 s after the 3rd").isFalse();
    clock.shift(Duration.ofMillis(1_000));
    assertThat(throttle.permits(account, "10.0.0.1")).isTrue();

    // the delay is per account: another account from the same address is not delayed
    assertThat(throttle.permits("autre@example.ca", "10.0.0.1")).isTrue();

    assertThat(throttle.recordFailure(account, "10.0.0.1")).isFalse();
    clock.shift(Duration.ofSeconds(5));
    assertThat(throttle.recordFailure(account, "10.0.0.1"))
        .as("the 5th failure locks, and says so")
        .isTrue();
    clock.shift(Duration.ofMinutes(9));
    assertThat(throttle.permits(account, "10.0.0.1")).isFalse();
    clock.shift(Duration.ofMinutes(2));
    assertThat(throttle.permits(account, "10.0.0.1")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throttles")
  void whenFailuresStraddleAWindowBoundaryThenTheyStillCountTogether(
      String name, LoginThrottle throttle, MutableClock clock) {
    LoginThrottle noDelays =
        throttle instanceof InMemoryLoginThrottle
            ? new InMemoryLoginThrottle(
                clock,
                new LoginThrottleProperties(3, Duration.ofMinutes(10), 50, Duration.ofMinutes(10)))
            : new StoreLoginThrottle(
                new InMemoryShortLivedStore(clock),
                new LoginThrottleProperties(3, Duration.ofMinutes(10), 50, Duration.ofMinutes(10)),
                clock);
    String account = "fenetre@example.ca";
    // align to the start of a 10-minute bucket, then fail late in it and early in the next
    long intoBucket = clock.instant().toEpochMilli() % Duration.ofMinutes(10).toMillis();
    clock.shift(Duration.ofMillis(Duration.ofMinutes(10).toMillis() - intoBucket));
    clock.shift(Duration.ofMinutes(8));
    noDelays.recordFailure(account, "10.0.0.2");
    noDelays.recordFailure(account, "10.0.0.2");
    clock.shift(Duration.ofMinutes(3));
    assertThat(noDelays.recordFailure(account, "10.0.0.2"))
        .as("three failures within ten minutes lock, across the bucket boundary")
        .isTrue();
    assertThat(noDelays.permits(account, "10.0.0.2")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throttles")
  void whenOldFailuresLeaveTheWindowThenTheyNoLongerCount(
      String name, LoginThrottle throttle, MutableClock clock) {
    String account = "ancien@example.ca";
    for (int i = 0; i < 4; i++) {
      throttle.recordFailure(account, "10.0.0.3");
      clock.shift(Duration.ofSeconds(10));
    }
    clock.shift(Duration.ofMinutes(21));
    assertThat(throttle.recordFailure(account, "10.0.0.3")).isFalse();
    assertThat(throttle.permits(account, "10.0.0.3")).isTrue();
  }
}
