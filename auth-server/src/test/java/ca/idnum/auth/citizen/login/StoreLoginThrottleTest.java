package ca.idnum.auth.citizen.login;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared login throttle on the real Redis started by scripts/test.sh, as two nodes see it: two
 * throttles on one Redis count the same failures.
 */
class StoreLoginThrottleTest {

  private static final LoginThrottleProperties LIMITS =
      new LoginThrottleProperties(3, Duration.ofSeconds(2), 5, Duration.ofSeconds(2));

  private LettuceConnectionFactory factory;
  private StringRedisTemplate template;
  private StoreLoginThrottle nodeA;
  private StoreLoginThrottle nodeB;
  private String prefix;

  @BeforeEach
  void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(TestServices.redisHost(), TestServices.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    template = new StringRedisTemplate(factory);
    template.afterPropertiesSet();
    prefix = "idnum-throttle-" + System.nanoTime() + ":";
    nodeA = new StoreLoginThrottle(new RedisShortLivedStore(template, prefix), LIMITS);
    nodeB = new StoreLoginThrottle(new RedisShortLivedStore(template, prefix), LIMITS);
  }

  @AfterEach
  void disconnect() {
    if (factory != null) {
      factory.destroy();
    }
  }

  @Test
  void whenFailuresAreSpreadOverTwoNodesThenTheAccountIsLockedOnBoth() {
    nodeA.recordFailure("a@example.ca", "10.0.0.1");
    nodeB.recordFailure("a@example.ca", "10.0.0.2");
    assertThat(nodeA.permits("a@example.ca", "10.0.0.3")).isTrue();
    nodeA.recordFailure("a@example.ca", "10.0.0.3");

    assertThat(nodeA.permits("a@example.ca", "10.0.0.9")).isFalse();
    assertThat(nodeB.permits("a@example.ca", "10.0.0.9")).isFalse();
    assertThat(nodeB.permits("b@example.ca", "10.0.0.9")).isTrue();
  }

  @Test
  void whenTheLockoutEndsThenTheAccountMayLogInAgain() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      nodeA.recordFailure("a@example.ca", "10.0.0.1");
    }
    assertThat(nodeB.permits("a@example.ca", "10.0.0.2")).isFalse();
    Thread.sleep(2_200);
    assertThat(nodeB.permits("a@example.ca", "10.0.0.2")).isTrue();
  }

  @Test
  void whenOneAddressFailsAcrossManyAccountsThenThatAddressIsBlockedEverywhere() {
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? nodeA : nodeB).recordFailure("user" + i + "@example.ca", "10.0.0.66");
    }
    assertThat(nodeA.permits("someone@example.ca", "10.0.0.66")).isFalse();
    assertThat(nodeB.permits("someone@example.ca", "10.0.0.66")).isFalse();
    assertThat(nodeB.permits("someone@example.ca", "10.0.0.67")).isTrue();
  }

  @Test
  void whenOneNodeClearsTheAccountThenTheOtherForgetsItsFailures() {
    nodeA.recordFailure("a@example.ca", "10.0.0.1");
    nodeA.recordFailure("a@example.ca", "10.0.0.1");
    nodeB.clear("a@example.ca");
    nodeA.recordFailure("a@example.ca", "10.0.0.1");
    nodeA.recordFailure("a@example.ca", "10.0.0.1");
    assertThat(nodeB.permits("a@example.ca", "10.0.0.2")).isTrue();
  }

  @Test
  void whenFailuresAreRecordedThenNoEmailOrAddressAppearsInTheStoreKeys() {
    nodeA.recordFailure("secret.person@example.ca", "192.0.2.44");
    assertThat(template.keys(prefix + "*"))
        .isNotEmpty()
        .noneMatch(k -> k.contains("secret.person") || k.contains("192.0.2.44"));
  }
}
