package ca.idnum.server.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs) by identifier, for rotation without downtime: the <em>current</em>
 * KEK wraps every new data-encryption key (DEK); the <em>previous</em> ones are kept only to unwrap
 * what they wrapped until a re-wrap moved it under the current KEK ({@link #rewrap}: the data key
 * is unwrapped and wrapped again, the data it protects is not re-encrypted). Once nothing is
 * wrapped under an old KEK it can be removed from configuration.
 *
 * <p>Configuration: {@code idnum.kek} (the current KEK), {@code idnum.kek-id} (its identifier,
 * default {@value #DEFAULT_ID}), {@code idnum.kek-previous.<id>} (older KEKs, base64).
 */
public final class KeyEncryptionKeys {

  /** The identifier of {@code idnum.kek} when {@code idnum.kek-id} is unset. */
  public static final String DEFAULT_ID = "k1";

  private final String currentId;
  private final Map<String, KeyEncryptionKey> keys;
  private final SecureRandom random = new SecureRandom();

  private KeyEncryptionKeys(String currentId, Map<String, KeyEncryptionKey> keys) {
    this.currentId = currentId;
    this.keys = keys;
  }

  /**
   * The current KEK {@code current} with identifier {@code currentId}, and the {@code previous}
   * KEKs by identifier (may be empty).
   */
  public static KeyEncryptionKeys of(
      String currentId, KeyEncryptionKey current, Map<String, KeyEncryptionKey> previous) {
    Objects.requireNonNull(current, "current");
    if (!WrappedKey.validId(currentId)) {
      throw new IllegalArgumentException("idnum.kek-id must be 1-64 of [A-Za-z0-9._-]");
    }
    Map<String, KeyEncryptionKey> keys = new LinkedHashMap<>();
    keys.put(currentId, current);
    previous.forEach(
        (id, kek) -> {
          if (!WrappedKey.validId(id)) {
            throw new IllegalArgumentException(
                "idnum.kek-previous ids must be 1-64 of [A-Za-z0-9._-]");
          }
          if (!id.equals(currentId)) {
            keys.put(id, Objects.requireNonNull(kek, id));
          }
        });
    return new KeyEncryptionKeys(currentId, Collections.unmodifiableMap(keys));
  }

  /** A ring of one KEK. */
  public static KeyEncryptionKeys single(KeyEncryptionKey current) {
    return of(DEFAULT_ID, current, Map.of());
  }

  /** The identifier of the KEK that wraps new keys. */
  public String currentId() {
    return currentId;
  }

  /** The KEK that wraps new keys. */
  public KeyEncryptionKey current() {
    return keys.get(currentId);
  }

  /** Every KEK, the current one first. */
  List<KeyEncryptionKey> all() {
    return List.copyOf(keys.values());
  }

  /** The identifiers of the KEKs kept only for reading. */
  public List<String> previousIds() {
    return keys.keySet().stream().filter(id -> !id.equals(currentId)).toList();
  }

  /** A fresh random AES-256 data-encryption key. */
  public SecretKey newDataKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    SecretKey key = new SecretKeySpec(bytes, "AES");
    Arrays.fill(bytes, (byte) 0);
    return key;
  }

  /** Wraps {@code dataKey} under the current KEK, bound to {@code associatedData}. */
  public WrappedKey wrap(SecretKey dataKey, byte[] associatedData) {
    return new WrappedKey(
        currentId, AesGcm.encrypt(current().secretKey(), dataKey.getEncoded(), associatedData));
  }

  /**
   * Unwraps a data key made by {@link #wrap} under this ring's current or a previous KEK.
   *
   * @throws CryptoFailure if its KEK is not configured (any more), or it was altered or bound to
   *     other associated data
   */
  public SecretKey unwrap(WrappedKey wrapped, byte[] associatedData) {
    KeyEncryptionKey kek =
        Optional.ofNullable(keys.get(wrapped.kekId()))
            .orElseThrow(
                () ->
                    new CryptoFailure(
                        "the key-encryption key " + wrapped.kekId() + " is not configured", null));
    byte[] bytes = AesGcm.decrypt(kek.secretKey(), wrapped.wrapped(), associatedData);
    try {
      if (bytes.length != 32) {
        throw new CryptoFailure("not a data key", null);
      }
      return new SecretKeySpec(bytes, "AES");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The same data key wrapped under the current KEK ({@code wrapped} itself if it already is): a
   * re-wrap, the data it protects is untouched.
   */
  public WrappedKey rewrap(WrappedKey wrapped, byte[] associatedData) {
    if (wrapped.kekId().equals(currentId)) {
      return wrapped;
    }
    return wrap(unwrap(wrapped, associatedData), associatedData);
  }

  /** AES-256-GCM with a random 96-bit nonce: {@code nonce(12) | ciphertext | tag(16)}. */
  public static final class AesGcm {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private AesGcm() {}

    /** Encrypts {@code plaintext} under {@code key}, bound to {@code associatedData}. */
    public static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      try {
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
            javax.crypto.Cipher.ENCRYPT_MODE,
            key,
            new javax.crypto.spec.GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
        return out;
      } catch (GeneralSecurityException e) {
        throw new CryptoFailure("encryption failed", e);
      }
    }

    /**
     * Decrypts what {@link #encrypt} made; throws {@link CryptoFailure} if the key or associated
     * data differ or the ciphertext was altered.
     */
    public static byte[] decrypt(SecretKey key, byte[] sealed, byte[] associatedData) {
      if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new CryptoFailure("not an AES-GCM ciphertext", null);
      }
      try {
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
            javax.crypto.Cipher.DECRYPT_MODE,
            key,
            new javax.crypto.spec.GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      } catch (GeneralSecurityException e) {
        throw new CryptoFailure("decryption failed (wrong key, altered data or other context)", e);
      }
    }
  }
}
