package ca.idnum.sdk.statuslist;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Relying Party's cache of verified Status List Tokens (Token Status List draft, §8.3 steps 2 to
 * 7 and §13.7): on a miss or a stale entry it fetches the token through the caller's {@link
 * StatusListFetcher}, verifies it with a {@link StatusListTokenVerifier} against the URI it was
 * fetched from, and keeps it for {@code ttl} from the time of fetching (bounded by the {@link
 * StatusListCachePolicy}), never past its {@code exp}. One fetch at a time per URI; lookups of
 * fresh entries take no lock. Thread-safe.
 */
public final class StatusListCache {

  private final StatusListFetcher fetcher;
  private final StatusListTokenVerifier verifier;
  private final Clock clock;
  private final StatusListCachePolicy policy;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /**
   * A cache.
   *
   * @param fetcher retrieves a Status List Token (HTTP is the caller's)
   * @param verifier verifies what was fetched
   * @param clock the current time, for freshness
   * @param policy how long entries are kept
   */
  public StatusListCache(
      StatusListFetcher fetcher,
      StatusListTokenVerifier verifier,
      Clock clock,
      StatusListCachePolicy policy) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The status of the entry a Referenced Token points at (§8.3 steps 2 to 7).
   *
   * @throws StatusListException what failed: fetching, verifying, or the index
   */
  public TokenStatus status(StatusListReference reference) throws StatusListException {
    Objects.requireNonNull(reference, "reference");
    return token(reference.uri()).statusOf(reference);
  }

  /**
   * The verified Status List Token served at {@code uri}, from the cache while fresh.
   *
   * @throws StatusListException {@link StatusListError.FetchFailed} or a verification error
   */
  public StatusListToken token(URI uri) throws StatusListException {
    Objects.requireNonNull(uri, "uri");
    String key = uri.toString();
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    Cached cached = slot.cached;
    if (cached != null && clock.instant().isBefore(cached.refreshAt)) {
      return cached.token;
    }
    slot.lock.lock();
    try {
      cached = slot.cached;
      Instant now = clock.instant();
      if (cached != null && now.isBefore(cached.refreshAt)) {
        return cached.token;
      }
      slot.cached = null;
      String compact;
      try {
        compact = fetcher.fetch(uri);
      } catch (IOException | RuntimeException e) {
        throw new StatusListException(
            new StatusListError.FetchFailed(key, e.getClass().getSimpleName()));
      }
      if (compact == null) {
        throw new StatusListException(new StatusListError.FetchFailed(key, "no content"));
      }
      StatusListToken token = verifier.verify(compact.strip(), uri);
      Instant fetchedAt = clock.instant();
      Instant refreshAt = fetchedAt.plus(policy.cachingTime(token));
      if (token.expiresAt().isPresent() && token.expiresAt().get().isBefore(refreshAt)) {
        refreshAt = token.expiresAt().get();
      }
      slot.cached = new Cached(token, refreshAt);
      evictIfFull(now);
      return token;
    } finally {
      slot.lock.unlock();
    }
  }

  /** Forgets the token of one URI, e.g. after the Status Issuer announced an update. */
  public void invalidate(URI uri) {
    slots.remove(Objects.requireNonNull(uri, "uri").toString());
  }

  /** The number of URIs currently held. */
  public int size() {
    return slots.size();
  }

  private void evictIfFull(Instant now) {
    if (slots.size() <= policy.maxEntries()) {
      return;
    }
    slots.entrySet().removeIf(e -> isStale(e.getValue(), now));
    Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator();
    while (slots.size() > policy.maxEntries() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static boolean isStale(Slot slot, Instant now) {
    Cached cached = slot.cached;
    return cached != null && !now.isBefore(cached.refreshAt);
  }

  private static final class Slot {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Cached cached;
  }

  private record Cached(StatusListToken token, Instant refreshAt) {}
}
