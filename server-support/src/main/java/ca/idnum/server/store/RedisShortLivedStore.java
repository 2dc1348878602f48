package ca.idnum.server.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link ShortLivedStore} on Redis: {@code SET PX}, {@code SET NX PX}, {@code GETDEL}, and {@code
 * INCR} with {@code PEXPIRE} on creation in one Lua script (atomic). Keys carry a prefix so that
 * several applications may share one Redis. Connection failures surface as {@link
 * ShortLivedStoreUnavailable} (fail closed).
 */
public final class RedisShortLivedStore implements ShortLivedStore {

  private static final RedisScript<Long> INCREMENT =
      RedisScript.of(
          "local v = redis.call('INCR', KEYS[1]) "
              + "if v == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
              + "return v",
          Long.class);

  private final StringRedisTemplate redis;
  private final String prefix;

  public RedisShortLivedStore(StringRedisTemplate redis, String prefix) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    call(
        () -> {
          redis.opsForValue().set(prefix + key, value, positive(ttl));
          return null;
        });
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    return Boolean.TRUE.equals(
        call(() -> redis.opsForValue().setIfAbsent(prefix + key, value, positive(ttl))));
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(call(() -> redis.opsForValue().get(prefix + key)));
  }

  @Override
  public Optional<String> take(String key) {
    return Optional.ofNullable(call(() -> redis.opsForValue().getAndDelete(prefix + key)));
  }

  @Override
  public void delete(String key) {
    call(() -> redis.delete(prefix + key));
  }

  @Override
  public long increment(String key, Duration ttl) {
    Long value =
        call(
            () ->
                redis.execute(
                    INCREMENT, List.of(prefix + key), Long.toString(positive(ttl).toMillis())));
    return value == null ? 0 : value;
  }

  private static Duration positive(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return ttl.toMillis() == 0 ? Duration.ofMillis(1) : ttl;
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (DataAccessException e) {
      throw new ShortLivedStoreUnavailable(e);
    }
  }
}
