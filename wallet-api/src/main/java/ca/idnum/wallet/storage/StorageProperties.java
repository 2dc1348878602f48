package ca.idnum.wallet.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.wallet.storage.*}: the wallet storage API.
 *
 * @param audience the wallet API's identifier: the {@code aud} its access tokens must carry
 *     (default {@code {base-url}/wallet}, set in application.yml)
 * @param scope the scope its access tokens must carry
 * @param maxCredentials most credentials one citizen may store
 * @param maxCredentialBytes largest credential (its serialization, in bytes)
 * @param maxDevices most active devices of one citizen
 * @param maxHolderKeysPerDevice most holder keys of one device
 * @param historyLimit most history events one request returns
 * @param rewrapBatchSize data keys re-wrapped per transaction after a key-encryption key rotation
 */
@ConfigurationProperties("idnum.wallet.storage")
public record StorageProperties(
    String audience,
    String scope,
    int maxCredentials,
    int maxCredentialBytes,
    int maxDevices,
    int maxHolderKeysPerDevice,
    int historyLimit,
    int rewrapBatchSize) {

  /** The default scope. */
  public static final String DEFAULT_SCOPE = "idnum:wallet";

  /** Applies defaults and validates. */
  public StorageProperties {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("idnum.wallet.storage.audience is required");
    }
    scope = scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope.strip();
    maxCredentials = maxCredentials <= 0 ? 200 : maxCredentials;
    maxCredentialBytes = maxCredentialBytes <= 0 ? 64 * 1024 : maxCredentialBytes;
    if (maxCredentialBytes > 1024 * 1024) {
      throw new IllegalArgumentException(
          "idnum.wallet.storage.max-credential-bytes is at most 1 MiB");
    }
    maxDevices = maxDevices <= 0 ? 10 : maxDevices;
    maxHolderKeysPerDevice = maxHolderKeysPerDevice <= 0 ? 100 : maxHolderKeysPerDevice;
    historyLimit = historyLimit <= 0 ? 500 : historyLimit;
    rewrapBatchSize = rewrapBatchSize <= 0 ? 100 : rewrapBatchSize;
  }
}
