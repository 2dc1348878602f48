package ca.idnum.wallet.storage;

import ca.idnum.server.crypto.KeyEncryptionKeys;
import ca.idnum.wallet.issuer.PlatformKeyStore;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * After a key-encryption key rotation ({@code idnum.kek} is the new key, {@code idnum.kek-id} its
 * new id, the old one under {@code idnum.kek-previous.<id>}), re-wraps the citizens' data keys (and
 * the issuers' signing keys, {@link PlatformKeyStore#rewrapAll}) under the new KEK in the
 * background at start-up, while the service keeps serving (data keys under the old KEK stay
 * readable meanwhile). When it logs that nothing is left, the old KEK can be removed from
 * configuration.
 */
@Component
public final class KeyRewrapJob implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(KeyRewrapJob.class);

  private final CitizenKeys keys;
  private final PlatformKeyStore platformKeys;
  private final KeyEncryptionKeys keks;
  private final StorageProperties properties;
  private volatile CompletableFuture<Integer> completion = CompletableFuture.completedFuture(0);

  public KeyRewrapJob(
      CitizenKeys keys,
      PlatformKeyStore platformKeys,
      KeyEncryptionKeys keks,
      StorageProperties properties) {
    this.keys = keys;
    this.platformKeys = platformKeys;
    this.keks = keks;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (keks.previousIds().isEmpty()) {
      return;
    }
    completion =
        CompletableFuture.supplyAsync(
            () -> {
              int signing = platformKeys.rewrapAll();
              int n = keys.rewrapAll(properties.rewrapBatchSize());
              long left = keys.pendingRewrap();
              log.info(
                  "wallet storage: re-wrapped {} signing keys and {} data keys under"
                      + " key-encryption key '{}'; {} left under other keys{}",
                  signing,
                  n,
                  keks.currentId(),
                  left,
                  left == 0 ? " (previous keys " + keks.previousIds() + " may be removed)" : "");
              return n;
            },
            r -> {
              Thread t = new Thread(r, "wallet-kek-rewrap");
              t.setDaemon(true);
              t.start();
            });
  }

  /** The running or last re-wrap: the number of keys it re-wrapped. */
  public CompletableFuture<Integer> completion() {
    return completion;
  }
}
