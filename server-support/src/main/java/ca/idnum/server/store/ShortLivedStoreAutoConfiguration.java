package ca.idnum.server.store;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Selects the {@link ShortLivedStore} by {@code idnum.store}: {@code memory} (default) or {@code
 * redis} (Spring Data Redis / Lettuce, configured by {@code spring.data.redis.*}). The in-process
 * store uses the application's {@link Clock} bean when there is one.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(ShortLivedStoreProperties.class)
public class ShortLivedStoreAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "idnum.store", havingValue = "redis")
  static class Redis {

    @Bean
    @ConditionalOnMissingBean
    ShortLivedStore idnumShortLivedStore(
        RedisConnectionFactory connectionFactory, ShortLivedStoreProperties properties) {
      StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
      template.afterPropertiesSet();
      return new RedisShortLivedStore(template, properties.storePrefix());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "idnum.store", havingValue = "memory", matchIfMissing = true)
  static class Memory {

    @Bean
    @ConditionalOnMissingBean
    ShortLivedStore idnumShortLivedStore(ObjectProvider<Clock> clock) {
      return new InMemoryShortLivedStore(clock.getIfAvailable(Clock::systemUTC));
    }
  }
}
