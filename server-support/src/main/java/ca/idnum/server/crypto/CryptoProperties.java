package ca.idnum.server.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.kek}: base64 key-encryption key; {@code idnum.kek-generate}: whether to generate one
 * into {@code idnum.data-dir} when unset (embedded default only); {@code idnum.data-dir}; {@code
 * idnum.kek-id}: the identifier of {@code idnum.kek} (default {@code k1}); {@code
 * idnum.kek-previous.<id>}: older key-encryption keys kept for reading during a rotation (see
 * {@link KeyEncryptionKeys}).
 *
 * <p>The data folder is bound as text and read as a file-system path relative to the working
 * directory: bound as a {@link Path}, Spring resolves it as a resource, and in a servlet web
 * application {@code .} becomes the embedded server's temporary document root, so a generated key
 * would be lost at the next start.
 */
@ConfigurationProperties("idnum")
public record CryptoProperties(
    String kek,
    Boolean kekGenerate,
    String dataDir,
    String kekId,
    java.util.Map<String, String> kekPrevious) {

  public CryptoProperties {
    kekId = kekId == null || kekId.isBlank() ? KeyEncryptionKeys.DEFAULT_ID : kekId.strip();
    kekPrevious = kekPrevious == null ? java.util.Map.of() : java.util.Map.copyOf(kekPrevious);
    kekGenerate = kekGenerate == null ? Boolean.TRUE : kekGenerate;
    dataDir = dataDir == null || dataDir.isBlank() ? "." : dataDir;
  }

  /** Never shows key material. */
  @Override
  public String toString() {
    return "CryptoProperties[kekId=" + kekId + ", kekPrevious=" + kekPrevious.keySet() + "]";
  }

  /** The data folder as an absolute path. */
  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }
}
