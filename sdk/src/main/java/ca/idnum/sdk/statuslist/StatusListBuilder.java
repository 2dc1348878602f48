package ca.idnum.sdk.statuslist;

import java.util.Objects;

/**
 * Builds a {@link StatusList} for a Status Issuer (Token Status List draft, §4.1 steps 1 to 3): a
 * byte array of {@code size × bits / 8} bytes (rounded up), every entry initialised to VALID (0x00,
 * the default §13.3 recommends), then statuses set per index. Not thread-safe; {@link #build()}
 * takes an immutable snapshot.
 */
public final class StatusListBuilder {

  private final StatusBits bits;
  private final int size;
  private final byte[] bytes;

  /**
   * A list of {@code size} entries, all VALID.
   *
   * @throws IllegalArgumentException when {@code size} is negative
   */
  public StatusListBuilder(StatusBits bits, int size) {
    this.bits = Objects.requireNonNull(bits, "bits");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    this.size = size;
    this.bytes = new byte[(int) (((long) size * bits.bits() + 7) / 8)];
  }

  private StatusListBuilder(StatusBits bits, byte[] bytes) {
    this.bits = bits;
    this.bytes = bytes;
    this.size = (int) Math.min(Integer.MAX_VALUE, (long) bytes.length * bits.entriesPerByte());
  }

  /** A builder that starts from the entries of an existing list (e.g. to revoke one more token). */
  public static StatusListBuilder from(StatusList list) {
    Objects.requireNonNull(list, "list");
    return new StatusListBuilder(list.bits(), list.toByteArray());
  }

  /** The number of bits per entry. */
  public StatusBits bits() {
    return bits;
  }

  /** The number of entries this builder was created for. */
  public int size() {
    return size;
  }

  /**
   * Sets the status at an index.
   *
   * @throws IndexOutOfBoundsException when the index is outside the list
   * @throws IllegalArgumentException when the status does not fit in {@code bits}
   */
  public StatusListBuilder set(int index, TokenStatus status) {
    Objects.requireNonNull(status, "status");
    Objects.checkIndex(index, size);
    if (status.value() > bits.maxValue()) {
      throw new IllegalArgumentException(
          "status " + status + " does not fit in " + bits.bits() + " bit(s)");
    }
    int perByte = bits.entriesPerByte();
    int byteIndex = index / perByte;
    int shift = (index % perByte) * bits.bits();
    int mask = bits.maxValue() << shift;
    bytes[byteIndex] = (byte) ((bytes[byteIndex] & ~mask) | (status.value() << shift));
    return this;
  }

  /**
   * The status at an index.
   *
   * @throws IndexOutOfBoundsException when the index is outside the list
   */
  public TokenStatus get(int index) {
    Objects.checkIndex(index, size);
    return TokenStatus.of(StatusList.valueAt(bytes, bits, index));
  }

  /** An immutable snapshot of the current entries. */
  public StatusList build() {
    return StatusList.wrap(bits, bytes.clone());
  }
}
