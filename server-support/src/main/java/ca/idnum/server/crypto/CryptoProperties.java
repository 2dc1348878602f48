package ca.idnum.server.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.kek}: base64 key-encryption key; {@code idnum.kek-generate}: whether to generate one
 * into {@code idnum.data-dir} when unset (embedded default only); {@code idnum.data-dir}.
 */
@ConfigurationProperties("idnum")
public record CryptoProperties(String kek, Boolean kekGenerate, Path dataDir) {

  public CryptoProperties {
    kekGenerate = kekGenerate == null ? Boolean.TRUE : kekGenerate;
    dataDir = dataDir == null ? Path.of(".") : dataDir;
  }
}
