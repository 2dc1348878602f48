package ca.idnum.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeysTest {

  private static KeyEncryptionKey randomKek() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
  }

  private static final byte[] AAD = "citizen-1".getBytes(StandardCharsets.UTF_8);

  @Test
  void whenADataKeyIsWrappedThenItUnwrapsToTheSameKeyUnderTheSameContextOnly() {
    KeyEncryptionKeys ring = KeyEncryptionKeys.single(randomKek());
    SecretKey dek = ring.newDataKey();
    WrappedKey wrapped = ring.wrap(dek, AAD);
    assertThat(wrapped.kekId()).isEqualTo("k1");
    assertThat(ring.unwrap(wrapped, AAD).getEncoded()).isEqualTo(dek.getEncoded());
    assertThatThrownBy(() -> ring.unwrap(wrapped, "citizen-2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CryptoFailure.class);
  }

  @Test
  void whenTheKekIsRotatedThenOldKeysStayReadableAndARewrapMovesThemUnderTheNewKek() {
    KeyEncryptionKey k1 = randomKek();
    KeyEncryptionKey k2 = randomKek();
    KeyEncryptionKeys before = KeyEncryptionKeys.of("k1", k1, Map.of());
    SecretKey dek = before.newDataKey();
    byte[] data = KeyEncryptionKeys.AesGcm.encrypt(dek, "secret".getBytes(), AAD);
    WrappedKey old = before.wrap(dek, AAD);

    KeyEncryptionKeys during = KeyEncryptionKeys.of("k2", k2, Map.of("k1", k1));
    assertThat(during.previousIds()).containsExactly("k1");
    assertThat(during.unwrap(old, AAD).getEncoded()).isEqualTo(dek.getEncoded());
    WrappedKey rewrapped = during.rewrap(old, AAD);
    assertThat(rewrapped.kekId()).isEqualTo("k2");
    assertThat(during.rewrap(rewrapped, AAD)).isSameAs(rewrapped);

    KeyEncryptionKeys after = KeyEncryptionKeys.of("k2", k2, Map.of());
    SecretKey same = after.unwrap(rewrapped, AAD);
    // the data itself was not re-encrypted: it decrypts with the re-wrapped key
    assertThat(KeyEncryptionKeys.AesGcm.decrypt(same, data, AAD)).isEqualTo("secret".getBytes());
    assertThatThrownBy(() -> after.unwrap(old, AAD))
        .isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void whenEnvelopesWereMadeUnderThePreviousKekThenTheyStayReadableAfterRotation() {
    KeyEncryptionKey k1 = randomKek();
    byte[] envelope = new EnvelopeEncryption(k1).encrypt("v".getBytes(), AAD);
    EnvelopeEncryption rotated =
        new EnvelopeEncryption(KeyEncryptionKeys.of("k2", randomKek(), Map.of("k1", k1)));
    assertThat(rotated.decrypt(envelope, AAD)).isEqualTo("v".getBytes());
    assertThatThrownBy(
            () ->
                new EnvelopeEncryption(KeyEncryptionKeys.single(randomKek()))
                    .decrypt(envelope, AAD))
        .isInstanceOf(CryptoFailure.class);
  }

  @Test
  void whenAnEnvelopeIsRewrappedThenOnlyItsDataKeyChangesAndTheOldKekIsNoLongerNeeded() {
    KeyEncryptionKey k1 = randomKek();
    KeyEncryptionKey k2 = randomKek();
    byte[] envelope = new EnvelopeEncryption(k1).encrypt("v".getBytes(), AAD);
    EnvelopeEncryption rotated =
        new EnvelopeEncryption(KeyEncryptionKeys.of("k2", k2, Map.of("k1", k1)));
    byte[] rewrapped = rotated.rewrap(envelope, AAD);
    assertThat(rewrapped).isNotEqualTo(envelope);
    // the data part (nonce and ciphertext) is untouched: re-wrap, not re-encrypt
    assertThat(java.util.Arrays.copyOfRange(rewrapped, 61, rewrapped.length))
        .isEqualTo(java.util.Arrays.copyOfRange(envelope, 61, envelope.length));
    assertThat(rotated.rewrap(rewrapped, AAD)).isSameAs(rewrapped);
    assertThat(new EnvelopeEncryption(k2).decrypt(rewrapped, AAD)).isEqualTo("v".getBytes());
  }

  @Test
  void whenAKekIdIsMalformedThenRefused() {
    assertThatThrownBy(() -> KeyEncryptionKeys.of("bad id!", randomKek(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
