package ca.idnum.server.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.kek}: base64 key-encryption key; {@code idnum.kek-generate}: whether to generate one
 * into {@code idnum.data-dir} when unset (embedded default only); {@code idnum.data-dir}.
 *
 * <p>The data folder is bound as text and read as a file-system path relative to the working
 * directory: bound as a {@link Path}, Spring resolves it as a resource, and in a servlet web
 * application {@code .} becomes the embedded server's temporary document root, so a generated key
 * would be lost at the next start.
 */
@ConfigurationProperties("idnum")
public record CryptoProperties(String kek, Boolean kekGenerate, String dataDir) {

  public CryptoProperties {
    kekGenerate = kekGenerate == null ? Boolean.TRUE : kekGenerate;
    dataDir = dataDir == null || dataDir.isBlank() ? "." : dataDir;
  }

  /** The data folder as an absolute path. */
  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }
}
