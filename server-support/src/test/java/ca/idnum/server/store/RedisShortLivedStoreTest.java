package ca.idnum.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.server.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis store against the real Redis started by scripts/test.sh. */
class RedisShortLivedStoreTest extends ShortLivedStoreContract {

  private LettuceConnectionFactory factory;
  private RedisShortLivedStore store;

  @BeforeEach
  void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(TestServices.redisHost(), TestServices.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    StringRedisTemplate template = new StringRedisTemplate(factory);
    template.afterPropertiesSet();
    store = new RedisShortLivedStore(template, "idnum-test:");
  }

  @AfterEach
  void disconnect() {
    if (factory != null) {
      factory.destroy();
    }
  }

  @Override
  ShortLivedStore store() {
    return store;
  }

  @Override
  void elapse(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  @Test
  void whenRedisUnreachableThenFailsClosedWithUnavailable() {
    LettuceConnectionFactory down =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
    down.afterPropertiesSet();
    down.start();
    try {
      StringRedisTemplate template = new StringRedisTemplate(down);
      template.afterPropertiesSet();
      RedisShortLivedStore unreachable = new RedisShortLivedStore(template, "x:");
      assertThatThrownBy(() -> unreachable.get("k")).isInstanceOf(ShortLivedStoreUnavailable.class);
    } finally {
      down.destroy();
    }
    assertThat(store.putIfAbsent("ok:" + System.nanoTime(), "v", Duration.ofSeconds(1))).isTrue();
  }
}
