package ca.idnum.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeEncryptionTest {

  private static KeyEncryptionKey randomKek() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void whenEncryptedThenDecryptsWithSameKeyAndContext() {
    EnvelopeEncryption crypto = new EnvelopeEncryption(randomKek());
    byte[] envelope = crypto.encrypt(utf8("secret"), utf8("ctx"));
    assertThat(new String(crypto.decrypt(envelope, utf8("ctx")), StandardCharsets.UTF_8))
        .isEqualTo("secret");
  }

  @Test
  void whenSamePlaintextEncryptedTwiceThenCiphertextsDiffer() {
    EnvelopeEncryption crypto = new EnvelopeEncryption(randomKek());
    assertThat(crypto.encrypt(utf8("x"), utf8("c")))
        .isNotEqualTo(crypto.encrypt(utf8("x"), utf8("c")));
  }

  @Test
  void whenOtherContextOrKeyOrTamperedThenDecryptionFails() {
    EnvelopeEncryption crypto = new EnvelopeEncryption(randomKek());
    byte[] envelope = crypto.encrypt(utf8("secret"), utf8("ctx"));
    assertThatThrownBy(() -> crypto.decrypt(envelope, utf8("other")))
        .isInstanceOf(CryptoFailure.class);
    assertThatThrownBy(() -> new EnvelopeEncryption(randomKek()).decrypt(envelope, utf8("ctx")))
        .isInstanceOf(CryptoFailure.class);
    byte[] tampered = envelope.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> crypto.decrypt(tampered, utf8("ctx")))
        .isInstanceOf(CryptoFailure.class);
    assertThatThrownBy(() -> crypto.decrypt(new byte[3], utf8("ctx")))
        .isInstanceOf(CryptoFailure.class);
  }

  @Test
  void whenKekNotConfiguredThenGeneratedOnceIntoOwnerOnlyFile(@TempDir Path dir) throws Exception {
    KeyEncryptionKey first = KeyEncryptionKey.load("", dir, true);
    Path file = dir.resolve(KeyEncryptionKey.DEFAULT_FILE_NAME);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    KeyEncryptionKey second = KeyEncryptionKey.load(null, dir, true);
    byte[] envelope = new EnvelopeEncryption(first).encrypt(utf8("v"), utf8("c"));
    assertThat(new EnvelopeEncryption(second).decrypt(envelope, utf8("c"))).isEqualTo(utf8("v"));
  }

  @Test
  void whenKekMissingAndGenerationOffOrKekMalformedThenStartupRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> KeyEncryptionKey.load("", dir, false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
