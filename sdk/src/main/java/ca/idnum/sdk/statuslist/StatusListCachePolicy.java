package ca.idnum.sdk.statuslist;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a Relying Party keeps a verified Status List Token (Token Status List draft, §13.7 and
 * §11.5): an entry is reused for its {@code ttl} from the time it was fetched, or {@code
 * defaultTtl} when it has none, bounded below by {@code minTtl} and above by {@code maxTtl} (the
 * "reasonable ranges" of §11.5, so that a hostile or mistaken {@code ttl} cannot make the Relying
 * Party hammer the Status Provider or trust an old list for ever), and never past {@code exp}.
 *
 * @param defaultTtl the caching time of a token without {@code ttl}
 * @param minTtl the shortest caching time, whatever {@code ttl} says
 * @param maxTtl the longest caching time, whatever {@code ttl} says
 * @param maxEntries the largest number of Status List Tokens kept
 */
public record StatusListCachePolicy(
    Duration defaultTtl, Duration minTtl, Duration maxTtl, int maxEntries) {

  /** Validates {@code 0 < minTtl <= defaultTtl <= maxTtl} and a positive entry count. */
  public StatusListCachePolicy {
    Objects.requireNonNull(defaultTtl, "defaultTtl");
    Objects.requireNonNull(minTtl, "minTtl");
    Objects.requireNonNull(maxTtl, "maxTtl");
    if (minTtl.isNegative() || minTtl.isZero()) {
      throw new IllegalArgumentException("minTtl must be positive");
    }
    if (defaultTtl.compareTo(minTtl) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("minTtl <= defaultTtl <= maxTtl must hold");
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
  }

  /** Default 5 minutes, at least 30 seconds, at most 24 hours, 1,000 lists. */
  public static StatusListCachePolicy defaults() {
    return new StatusListCachePolicy(
        Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(24), 1_000);
  }

  Duration cachingTime(StatusListToken token) {
    Duration ttl = token.timeToLive().orElse(defaultTtl);
    if (ttl.compareTo(minTtl) < 0) {
      return minTtl;
    }
    return ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
  }
}
