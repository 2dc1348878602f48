package ca.idnum.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryShortLivedStoreTest extends ShortLivedStoreContract {

  /** A clock the test moves forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
  private final InMemoryShortLivedStore store = new InMemoryShortLivedStore(clock);

  @Override
  ShortLivedStore store() {
    return store;
  }

  @Override
  void elapse(Duration duration) {
    clock.advance(duration);
  }

  @Test
  void whenExpiredEntriesPurgedThenMemoryReleased() {
    store.put("a", "1", Duration.ofSeconds(1));
    store.put("b", "2", Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(2));
    store.purgeExpired();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void whenEntriesExpireThenTheirMemoryIsReleasedWithoutASweep() throws InterruptedException {
    InMemoryShortLivedStore live = new InMemoryShortLivedStore(Clock.systemUTC());
    for (int i = 0; i < 1000; i++) {
      live.put("k" + i, "v", Duration.ofMillis(50));
    }
    live.put("kept", "v", Duration.ofMinutes(5));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (live.size() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(live.size()).isEqualTo(1);
    assertThat(live.get("kept")).contains("v");
  }
}
