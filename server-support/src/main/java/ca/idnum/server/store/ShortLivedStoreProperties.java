package ca.idnum.server.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.store}: {@code memory} (in-process, default) or {@code redis}; {@code
 * idnum.store-prefix}: prefix of every Redis key (default {@code idnum:}).
 */
@ConfigurationProperties("idnum")
public record ShortLivedStoreProperties(String store, String storePrefix) {

  public ShortLivedStoreProperties {
    store = store == null || store.isBlank() ? "memory" : store.strip();
    storePrefix = storePrefix == null ? "idnum:" : storePrefix;
    if (!store.equals("memory") && !store.equals("redis")) {
      throw new IllegalArgumentException("idnum.store must be memory or redis, not " + store);
    }
  }
}
