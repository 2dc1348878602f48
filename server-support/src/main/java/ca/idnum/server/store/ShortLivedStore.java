package ca.idnum.server.store;

import java.time.Duration;
import java.util.Optional;

/**
 * A key-value store for short-lived data shared between the nodes of a server: authorization codes
 * and tokens, pushed authorization requests, replay caches ({@code jti}, nonces), rate-limit
 * counters. Every entry has a time to live. Implementations: in-process (one node, embedded
 * default) and Redis (production).
 *
 * <p>Keys are plain strings chosen by the caller (use a prefix per use); values are strings
 * (serialize structured values before storing them).
 */
public interface ShortLivedStore {

  /** Stores {@code value} under {@code key} for {@code ttl}, replacing any previous value. */
  void put(String key, String value, Duration ttl);

  /**
   * Stores {@code value} only if {@code key} holds nothing (replay caches); returns whether it was
   * stored.
   */
  boolean putIfAbsent(String key, String value, Duration ttl);

  /** The value under {@code key}, if present and not expired. */
  Optional<String> get(String key);

  /** Atomically returns and deletes the value (single-use items); at most one caller gets it. */
  Optional<String> take(String key);

  /** Deletes {@code key} if present. */
  void delete(String key);

  /**
   * Atomically increments the counter under {@code key} and returns its new value; the counter
   * expires {@code ttl} after its creation (the first increment).
   */
  long increment(String key, Duration ttl);
}
