package ca.idnum.server.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key (KEK, AES-256) under which secrets at rest are encrypted. Supplied by
 * configuration as base64 of 32 random bytes; on the embedded default, generated once into a file
 * of the data folder readable only by its owner.
 */
public final class KeyEncryptionKey {

  private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
  public static final String DEFAULT_FILE_NAME = "idnum-kek.key";

  private final SecretKey secretKey;

  private KeyEncryptionKey(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
    }
    this.secretKey = new SecretKeySpec(bytes, "AES");
  }

  SecretKey secretKey() {
    return secretKey;
  }

  /** Parses the base64 (standard or URL alphabet) form of 32 bytes. */
  public static KeyEncryptionKey fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    String text = base64.strip();
    byte[] bytes;
    try {
      bytes =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key-encryption key is not valid base64");
    }
    return new KeyEncryptionKey(bytes);
  }

  /**
   * The configured key if {@code configured} is not blank; otherwise, when {@code
   * generateIfMissing}, the key stored in {@code dataDir/idnum-kek.key}, created (mode 0600) at
   * first use. Never logs the key itself.
   */
  public static KeyEncryptionKey load(String configured, Path dataDir, boolean generateIfMissing) {
    if (configured != null && !configured.isBlank()) {
      return fromBase64(configured);
    }
    if (!generateIfMissing) {
      throw new IllegalStateException(
          "no key-encryption key configured (idnum.kek / IDNUM_KEK: base64 of 32 random bytes)");
    }
    Path file = dataDir.resolve(DEFAULT_FILE_NAME);
    try {
      if (Files.exists(file)) {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
      }
      Files.createDirectories(dataDir);
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String encoded = Base64.getEncoder().encodeToString(bytes);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
      }
      Files.writeString(
          file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      log.warn(
          "Created a new key-encryption key file {} (embedded default); keep it with the data folder",
          file.toAbsolutePath());
      return new KeyEncryptionKey(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read or create the key-encryption key file " + file, e);
    }
  }
}
