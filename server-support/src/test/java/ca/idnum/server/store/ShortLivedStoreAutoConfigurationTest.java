package ca.idnum.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.server.crypto.CryptoAutoConfiguration;
import ca.idnum.server.crypto.EnvelopeEncryption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class ShortLivedStoreAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ShortLivedStoreAutoConfiguration.class, CryptoAutoConfiguration.class));

  @Test
  void whenNothingConfiguredThenInProcessStore(@TempDir Path dir) {
    runner
        .withPropertyValues("idnum.data-dir=" + dir)
        .run(
            context -> {
              assertThat(context).hasSingleBean(InMemoryShortLivedStore.class);
              assertThat(context).hasSingleBean(EnvelopeEncryption.class);
            });
  }

  @Test
  void whenRedisSelectedThenRedisStore(@TempDir Path dir) {
    runner
        .withPropertyValues("idnum.store=redis", "idnum.data-dir=" + dir)
        .withBean(
            LettuceConnectionFactory.class, () -> new LettuceConnectionFactory("127.0.0.1", 1))
        .run(context -> assertThat(context).hasSingleBean(RedisShortLivedStore.class));
  }

  @Test
  void whenUnknownStoreOrMissingKekWithoutGenerationThenStartupFails(@TempDir Path dir) {
    runner
        .withPropertyValues("idnum.store=memcached", "idnum.data-dir=" + dir)
        .run(context -> assertThat(context).hasFailed());
    runner
        .withPropertyValues("idnum.kek-generate=false", "idnum.data-dir=" + dir)
        .run(context -> assertThat(context).hasFailed());
  }
}
