package ca.idnum.auth.citizen.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AddressRateLimitTest {

  private Instant now = Instant.parse("2026-11-23T12:00:00Z");
  private final Clock clock =
      new Clock() {
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
      };

  @Test
  void whenTheLimitIsReachedThenTheAddressWaitsUntilItsOldestMessageLeavesTheWindow() {
    AddressRateLimit limit = new AddressRateLimit(clock, 2, Duration.ofHours(1));
    assertThat(limit.tryAcquire("a@exemple.ca")).isTrue();
    now = now.plus(Duration.ofMinutes(30));
    assertThat(limit.tryAcquire("a@exemple.ca")).isTrue();
    assertThat(limit.tryAcquire("a@exemple.ca")).isFalse();
    assertThat(limit.tryAcquire("b@exemple.ca")).isTrue();
    now = now.plus(Duration.ofMinutes(30));
    assertThat(limit.tryAcquire("a@exemple.ca")).isTrue();
    assertThat(limit.tryAcquire("a@exemple.ca")).isFalse();
  }
}
