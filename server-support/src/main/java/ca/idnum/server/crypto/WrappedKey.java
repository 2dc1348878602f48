package ca.idnum.server.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data-encryption key wrapped (AES-256-GCM) under the key-encryption key {@code kekId}.
 *
 * @param kekId the identifier of the wrapping key-encryption key
 * @param wrapped {@code nonce(12) | ciphertext(32) | tag(16)}
 */
public record WrappedKey(String kekId, byte[] wrapped) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates. */
  public WrappedKey {
    Objects.requireNonNull(kekId, "kekId");
    Objects.requireNonNull(wrapped, "wrapped");
    if (!ID.matcher(kekId).matches()) {
      throw new IllegalArgumentException("a key-encryption key id is 1-64 of [A-Za-z0-9._-]");
    }
    wrapped = wrapped.clone();
  }

  @Override
  public byte[] wrapped() {
    return wrapped.clone();
  }

  static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey w
        && kekId.equals(w.kekId)
        && java.util.Arrays.equals(wrapped, w.wrapped);
  }

  @Override
  public int hashCode() {
    return 31 * kekId.hashCode() + java.util.Arrays.hashCode(wrapped);
  }

  @Override
  public String toString() {
    return "WrappedKey[kekId=" + kekId + "]";
  }
}
