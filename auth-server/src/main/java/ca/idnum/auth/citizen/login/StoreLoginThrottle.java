package ca.idnum.auth.citizen.login;

import ca.idnum.server.store.ShortLivedStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * {@link LoginThrottle} on the shared {@link ShortLivedStore} (Redis in production), so that every
 * node of the login service counts the same failures: a client spreading its guesses over the nodes
 * behind the load balancer meets the same limits as on one node.
 *
 * <p>Sliding windows by the sliding-window-counter method: per key (account or client address) one
 * counter per fixed bucket of one window ({@code INCR}, expiring after two windows); the count is
 * the current bucket plus the previous bucket weighted by how much of it is still inside the window
 * (rounded up, so never below the true count by a whole failure). Reaching the maximum writes a
 * block entry expiring after the block duration. An account's progressive delay is an entry
 * expiring when the next attempt is allowed. Checking a login costs three reads; a failure two
 * atomic increments, one read and at most one write per key. Keys hold a SHA-256 digest of the
 * account key or address, never the email address or IP address in clear.
 */
public final class StoreLoginThrottle implements LoginThrottle {

  private static final String PREFIX = "login:";

  private final ShortLivedStore store;
  private final LoginThrottleProperties properties;
  private final Clock clock;

  public StoreLoginThrottle(ShortLivedStore store, LoginThrottleProperties properties) {
    this(store, properties, Clock.systemUTC());
  }

  public StoreLoginThrottle(
      ShortLivedStore store, LoginThrottleProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public boolean permits(String accountKey, String clientAddress) {
    return store.get(key(Kind.ACCOUNT, "b", accountKey)).isEmpty()
        && store.get(key(Kind.ADDRESS, "b", clientAddress)).isEmpty()
        && store.get(key(Kind.ACCOUNT, "d", accountKey)).isEmpty();
  }

  @Override
  public boolean recordFailure(String accountKey, String clientAddress) {
    boolean locked =
        fail(
            Kind.ACCOUNT,
            accountKey,
            properties.accountMaxFailures(),
            properties.accountLockout(),
            properties.accountLockout());
    fail(
        Kind.ADDRESS,
        clientAddress,
        properties.addressMaxFailures(),
        properties.addressWindow(),
        properties.addressWindow());
    return locked;
  }

  @Override
  public void clear(String accountKey) {
    counter(properties.accountLockout()).reset(key(Kind.ACCOUNT, "n", accountKey));
    store.delete(key(Kind.ACCOUNT, "b", accountKey));
    store.delete(key(Kind.ACCOUNT, "d", accountKey));
  }

  /**
   * Counts a failure in the key's sliding window; reaching {@code max} blocks the key for {@code
   * block} and starts the count again (returns true then).
   */
  private boolean fail(Kind kind, String key, int max, Duration window, Duration block) {
    String blockKey = key(kind, "b", key);
    if (store.get(blockKey).isPresent()) {
      return false;
    }
    SlidingWindowCounter counter = counter(window);
    String countKey = key(kind, "n", key);
    long count = counter.increment(countKey);
    if (count >= max) {
      store.put(blockKey, "1", block);
      counter.reset(countKey);
      store.delete(key(kind, "d", key));
      return true;
    }
    if (kind == Kind.ACCOUNT) {
      Duration delay = properties.delayAfter(count);
      if (!delay.isZero()) {
        store.put(key(kind, "d", key), "1", delay);
      }
    }
    return false;
  }

  private SlidingWindowCounter counter(Duration window) {
    return new SlidingWindowCounter(store, window, clock);
  }

  private enum Kind {
    ACCOUNT("a"),
    ADDRESS("ip");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  private static String key(Kind kind, String type, String key) {
    return PREFIX + kind.tag + ":" + type + ":" + digest(key);
  }

  static String digest(String value) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
