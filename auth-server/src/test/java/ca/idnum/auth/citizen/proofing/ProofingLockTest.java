package ca.idnum.auth.citizen.proofing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.server.store.InMemoryShortLivedStore;
import ca.idnum.server.store.RedisShortLivedStore;
import ca.idnum.server.testing.TestServices;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The failed-match lock: on an injected clock (in-process store), and shared by two nodes on the
 * real Redis that {@code scripts/test.sh} starts.
 */
class ProofingLockTest {

  private static final ProofingProperties PROPERTIES =
      new ProofingProperties(3, Duration.ofHours(24), Duration.ofHours(24), null);

  @Test
  void whenAMatchFailsThreeTimesWithinTheWindowThenProofingIsLockedForTheLockout() {
    MutableClock clock = new MutableClock();
    ProofingLock lock = new ProofingLock(new InMemoryShortLivedStore(clock), PROPERTIES, clock);
    CitizenId citizen = CitizenId.random();

    assertThat(lock.recordFailure(citizen)).contains(2);
    assertThat(lock.recordFailure(citizen)).contains(1);
    assertThat(lock.lockedUntil(citizen)).isEmpty();
    java.time.Instant before = clock.instant();
    assertThat(lock.recordFailure(citizen)).isEmpty();
    assertThat(lock.lockedUntil(citizen))
        .hasValueSatisfying(
            until ->
                assertThat(until)
                    .isBetween(
                        before.plus(Duration.ofHours(24)),
                        clock.instant().plus(Duration.ofHours(24))));
    assertThat(lock.lockedUntil(CitizenId.random())).as("per citizen").isEmpty();

    clock.shift(Duration.ofHours(24).plusSeconds(1));
    assertThat(lock.lockedUntil(citizen)).isEmpty();
    assertThat(lock.recordFailure(citizen)).as("the count started again").contains(2);
  }

  @Test
  void whenASuccessClearsTheFailuresThenTheCountStartsAgain() {
    MutableClock clock = new MutableClock();
    ProofingLock lock = new ProofingLock(new InMemoryShortLivedStore(clock), PROPERTIES, clock);
    CitizenId citizen = CitizenId.random();
    lock.recordFailure(citizen);
    lock.recordFailure(citizen);
    lock.clear(citizen);
    assertThat(lock.recordFailure(citizen)).contains(2);
  }

  @Test
  void whenTwoNodesShareRedisThenTheyCountTheSameFailures() {
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(TestServices.redisHost(), TestServices.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    try {
      StringRedisTemplate template = new StringRedisTemplate(factory);
      template.afterPropertiesSet();
      String prefix = "idnum-proofing-" + System.nanoTime() + ":";
      MutableClock clock = new MutableClock();
      ProofingLock nodeA =
          new ProofingLock(new RedisShortLivedStore(template, prefix), PROPERTIES, clock);
      ProofingLock nodeB =
          new ProofingLock(new RedisShortLivedStore(template, prefix), PROPERTIES, clock);
      CitizenId citizen = CitizenId.random();

      nodeA.recordFailure(citizen);
      nodeB.recordFailure(citizen);
      assertThat(nodeA.recordFailure(citizen)).isEqualTo(Optional.empty());
      assertThat(nodeB.lockedUntil(citizen)).isPresent();
    } finally {
      factory.destroy();
    }
  }
}
