package ca.idnum.auth.citizen.login;

import ca.idnum.server.store.ShortLivedStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * {@link LoginThrottle} on the shared {@link ShortLivedStore} (Redis in production), so that every
 * node of the login service counts the same failures: a client spreading its guesses over the nodes
 * behind the load balancer meets the same limits as on one node.
 *
 * <p>Per key (account or client address) there is a failure counter ({@code INCR}, expiring one
 * window after the first failure) and, once the counter reaches the maximum, a block entry expiring
 * after the block duration. Checking a login costs two reads; a failure one atomic increment (and
 * one write when it blocks). Keys hold a SHA-256 digest of the account key or address, never the
 * email address or IP address in clear.
 */
public final class StoreLoginThrottle implements LoginThrottle {

  private static final String PREFIX = "login:";

  private final ShortLivedStore store;
  private final LoginThrottleProperties properties;

  public StoreLoginThrottle(ShortLivedStore store, LoginThrottleProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public boolean permits(String accountKey, String clientAddress) {
    return store.get(blockKey(Kind.ACCOUNT, accountKey)).isEmpty()
        && store.get(blockKey(Kind.ADDRESS, clientAddress)).isEmpty();
  }

  @Override
  public void recordFailure(String accountKey, String clientAddress) {
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
  }

  @Override
  public void clear(String accountKey) {
    store.delete(countKey(Kind.ACCOUNT, accountKey));
    store.delete(blockKey(Kind.ACCOUNT, accountKey));
  }

  /**
   * Counts a failure in the key's window (which starts at the first failure and lasts {@code
   * window}); reaching {@code max} blocks the key for {@code block} and starts the count again.
   */
  private void fail(Kind kind, String key, int max, Duration window, Duration block) {
    String blockKey = blockKey(kind, key);
    if (store.get(blockKey).isPresent()) {
      return;
    }
    String countKey = countKey(kind, key);
    if (store.increment(countKey, window) >= max) {
      store.put(blockKey, "1", block);
      store.delete(countKey);
    }
  }

  private enum Kind {
    ACCOUNT("a"),
    ADDRESS("ip");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  private static String countKey(Kind kind, String key) {
    return PREFIX + kind.tag + ":n:" + digest(key);
  }

  private static String blockKey(Kind kind, String key) {
    return PREFIX + kind.tag + ":b:" + digest(key);
  }

  private static String digest(String value) {
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
