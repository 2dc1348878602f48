package ca.idnum.server.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM envelope encryption: every value is encrypted under a fresh data-encryption key
 * (DEK), and the DEK is itself encrypted (wrapped) under the key-encryption key (KEK). The
 * associated data binds a ciphertext to its context (for example a table and a key identifier), so
 * that a ciphertext copied elsewhere fails to decrypt.
 *
 * <p>Format (version 1): {@code 0x01 | wrapNonce(12) | wrappedDek(48) | dataNonce(12) |
 * ciphertext+tag}.
 */
public final class EnvelopeEncryption {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int WRAPPED_DEK_BYTES = 32 + TAG_BITS / 8;
  private static final int HEADER_BYTES = 1 + NONCE_BYTES + WRAPPED_DEK_BYTES + NONCE_BYTES;

  private final KeyEncryptionKey kek;
  private final java.util.List<KeyEncryptionKey> readable;
  private final SecureRandom random;

  public EnvelopeEncryption(KeyEncryptionKey kek) {
    this(kek, new SecureRandom());
  }

  public EnvelopeEncryption(KeyEncryptionKey kek, SecureRandom random) {
    this.kek = Objects.requireNonNull(kek, "kek");
    this.readable = java.util.List.of(kek);
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Encrypts under the current key-encryption key of {@code keys}; decrypts under any of them, so
   * that envelopes made before a rotation stay readable while the previous key is configured.
   */
  public EnvelopeEncryption(KeyEncryptionKeys keys) {
    this.kek = keys.current();
    this.readable = keys.all();
    this.random = new SecureRandom();
  }

  /** Encrypts {@code plaintext}, binding it to {@code associatedData}. */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, random);
      SecretKey dek = generator.generateKey();
      byte[] wrapNonce = nonce();
      byte[] wrappedDek =
          gcm(Cipher.ENCRYPT_MODE, kek.secretKey(), wrapNonce, dek.getEncoded(), associatedData);
      byte[] dataNonce = nonce();
      byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dek, dataNonce, plaintext, associatedData);
      return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length)
          .put(VERSION)
          .put(wrapNonce)
          .put(wrappedDek)
          .put(dataNonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new CryptoFailure("encryption failed", e);
    }
  }

  /**
   * Decrypts an envelope made by {@link #encrypt}; throws {@link CryptoFailure} if it was altered,
   * made under another key-encryption key, or bound to other associated data.
   */
  public byte[] decrypt(byte[] envelope, byte[] associatedData) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(associatedData, "associatedData");
    if (envelope.length < HEADER_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
      throw new CryptoFailure("not an envelope of a known version", null);
    }
    ByteBuffer buffer = ByteBuffer.wrap(envelope, 1, envelope.length - 1);
    byte[] wrapNonce = new byte[NONCE_BYTES];
    byte[] wrappedDek = new byte[WRAPPED_DEK_BYTES];
    byte[] dataNonce = new byte[NONCE_BYTES];
    buffer.get(wrapNonce).get(wrappedDek).get(dataNonce);
    byte[] ciphertext = new byte[buffer.remaining()];
    buffer.get(ciphertext);
    byte[] dekBytes = null;
    try {
      dekBytes = unwrap(wrapNonce, wrappedDek, associatedData);
      SecretKey dek = new SecretKeySpec(dekBytes, "AES");
      return gcm(Cipher.DECRYPT_MODE, dek, dataNonce, ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new CryptoFailure("decryption failed (wrong key, altered data or other context)", e);
    } finally {
      if (dekBytes != null) {
        Arrays.fill(dekBytes, (byte) 0);
      }
    }
  }

  /**
   * The same envelope with its data key re-wrapped under the current key-encryption key, or {@code
   * envelope} itself when it already is: after a rotation, this moves an envelope off the previous
   * key without re-encrypting the data (the data nonce and ciphertext are kept).
   *
   * @throws CryptoFailure if no configured key-encryption key opens it
   */
  public byte[] rewrap(byte[] envelope, byte[] associatedData) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(associatedData, "associatedData");
    if (envelope.length < HEADER_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
      throw new CryptoFailure("not an envelope of a known version", null);
    }
    byte[] wrapNonce = java.util.Arrays.copyOfRange(envelope, 1, 1 + NONCE_BYTES);
    byte[] wrappedDek =
        java.util.Arrays.copyOfRange(
            envelope, 1 + NONCE_BYTES, 1 + NONCE_BYTES + WRAPPED_DEK_BYTES);
    try {
      gcm(Cipher.DECRYPT_MODE, kek.secretKey(), wrapNonce, wrappedDek, associatedData);
      return envelope;
    } catch (GeneralSecurityException underAnotherKey) {
      // fall through: unwrap with a previous key, wrap with the current one
    }
    byte[] dekBytes = null;
    try {
      dekBytes = unwrap(wrapNonce, wrappedDek, associatedData);
      byte[] newNonce = nonce();
      byte[] rewrapped =
          gcm(Cipher.ENCRYPT_MODE, kek.secretKey(), newNonce, dekBytes, associatedData);
      byte[] out = envelope.clone();
      System.arraycopy(newNonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(rewrapped, 0, out, 1 + NONCE_BYTES, WRAPPED_DEK_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new CryptoFailure("re-wrap failed (no configured key opens it)", e);
    } finally {
      if (dekBytes != null) {
        Arrays.fill(dekBytes, (byte) 0);
      }
    }
  }

  private byte[] unwrap(byte[] wrapNonce, byte[] wrappedDek, byte[] associatedData)
      throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (KeyEncryptionKey candidate : readable) {
      try {
        return gcm(
            Cipher.DECRYPT_MODE, candidate.secretKey(), wrapNonce, wrappedDek, associatedData);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return nonce;
  }

  private static byte[] gcm(int mode, SecretKey key, byte[] nonce, byte[] input, byte[] aad)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(input);
  }
}
