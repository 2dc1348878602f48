package ca.idnum.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ShortLivedStore} implementation shares. */
abstract class ShortLivedStoreContract {

  abstract ShortLivedStore store();

  /** Lets {@code duration} pass for the store (a test clock or real time). */
  abstract void elapse(Duration duration) throws InterruptedException;

  private static String key() {
    return "test:" + UUID.randomUUID();
  }

  @Test
  void whenPutThenGetReturnsValueUntilExpiry() throws Exception {
    String key = key();
    store().put(key, "v1", Duration.ofMillis(300));
    assertThat(store().get(key)).contains("v1");
    store().put(key, "v2", Duration.ofMillis(300));
    assertThat(store().get(key)).contains("v2");
    elapse(Duration.ofMillis(600));
    assertThat(store().get(key)).isEmpty();
  }

  @Test
  void whenPutIfAbsentTwiceThenOnlyFirstStored() throws Exception {
    String key = key();
    assertThat(store().putIfAbsent(key, "a", Duration.ofMillis(300))).isTrue();
    assertThat(store().putIfAbsent(key, "b", Duration.ofMillis(300))).isFalse();
    assertThat(store().get(key)).contains("a");
    elapse(Duration.ofMillis(600));
    assertThat(store().putIfAbsent(key, "c", Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void whenTakenThenGoneAndOnlyOneConcurrentTakerGetsIt() throws Exception {
    String key = key();
    store().put(key, "code", Duration.ofSeconds(5));
    assertThat(store().take(key)).contains("code");
    assertThat(store().take(key)).isEmpty();
    assertThat(store().get(key)).isEmpty();

    store().put(key, "once", Duration.ofSeconds(5));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<Boolean> taker = () -> store().take(key).isPresent();
        results.add(pool.submit(taker));
      }
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenDeletedThenGone() {
    String key = key();
    store().put(key, "v", Duration.ofSeconds(5));
    store().delete(key);
    assertThat(store().get(key)).isEmpty();
    store().delete(key);
  }

  @Test
  void whenIncrementedThenCountsAndExpiresFromFirstIncrement() throws Exception {
    String key = key();
    assertThat(store().increment(key, Duration.ofMillis(400))).isEqualTo(1);
    assertThat(store().increment(key, Duration.ofMillis(400))).isEqualTo(2);
    assertThat(store().increment(key, Duration.ofMillis(400))).isEqualTo(3);
    elapse(Duration.ofMillis(800));
    assertThat(store().increment(key, Duration.ofMillis(400))).isEqualTo(1);
  }
}
