package ca.idnum.sdk.statuslist;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable Status List: the statuses of many Referenced Tokens packed {@code bits} at a time
 * into a byte array (Token Status List draft, §4.1). Index 0 is the least significant bit (or bits)
 * of byte 0; bits are counted from the least significant ("0") to the most significant ("7") bit of
 * each byte (§4.1 step 3, §11.1).
 *
 * <p>{@link #compress()} and {@link #toLst()} produce the ZLIB/DEFLATE compressed byte array and
 * its base64url form for the {@code lst} member (§4.1 step 4, §4.2); {@link #fromLst} reads one
 * back under {@link StatusListLimits}. Build one with {@link StatusListBuilder}.
 */
public final class StatusList {

  private final StatusBits bits;
  private final byte[] bytes;

  private StatusList(StatusBits bits, byte[] bytes) {
    this.bits = Objects.requireNonNull(bits, "bits");
    this.bytes = bytes;
  }

  /** A Status List over a copy of an uncompressed byte array. */
  public static StatusList ofBytes(StatusBits bits, byte[] bytes) {
    return new StatusList(bits, Objects.requireNonNull(bytes, "bytes").clone());
  }

  static StatusList wrap(StatusBits bits, byte[] bytes) {
    return new StatusList(bits, bytes);
  }

  /**
   * Reads the {@code lst} member of a Status List in JSON format (§4.2): base64url, then ZLIB
   * inflation bounded by {@link StatusListLimits#maxDecompressedBytes()}.
   *
   * @throws StatusListException {@link StatusListError.MalformedBase64}, {@link
   *     StatusListError.MalformedCompressedData} or {@link StatusListError.DecompressedTooLarge}
   */
  public static StatusList fromLst(StatusBits bits, String lst, StatusListLimits limits)
      throws StatusListException {
    Objects.requireNonNull(bits, "bits");
    Objects.requireNonNull(lst, "lst");
    Objects.requireNonNull(limits, "limits");
    return fromCompressed(bits, Base64Url.decode(lst), limits);
  }

  /**
   * Reads a compressed byte array (§4.1), e.g. the {@code lst} byte string of the CBOR format.
   *
   * @throws StatusListException {@link StatusListError.MalformedCompressedData} or {@link
   *     StatusListError.DecompressedTooLarge}
   */
  public static StatusList fromCompressed(
      StatusBits bits, byte[] compressed, StatusListLimits limits) throws StatusListException {
    Objects.requireNonNull(bits, "bits");
    Objects.requireNonNull(compressed, "compressed");
    Objects.requireNonNull(limits, "limits");
    return new StatusList(bits, Zlib.inflate(compressed, limits.maxDecompressedBytes()));
  }

  /** The number of bits per entry. */
  public StatusBits bits() {
    return bits;
  }

  /** The number of entries the byte array holds: bytes × 8 / bits. */
  public long size() {
    return (long) bytes.length * bits.entriesPerByte();
  }

  /**
   * The status at an index (§8.3 step 6).
   *
   * @throws StatusListException {@link StatusListError.IndexOutOfRange} when the index is negative
   *     or not below {@link #size()}
   */
  public TokenStatus status(long index) throws StatusListException {
    return TokenStatus.of(statusValue(index));
  }

  /**
   * The raw status value at an index, 0 to 255.
   *
   * @throws StatusListException {@link StatusListError.IndexOutOfRange} when the index is negative
   *     or not below {@link #size()}
   */
  public int statusValue(long index) throws StatusListException {
    if (index < 0 || index >= size()) {
      throw new StatusListException(new StatusListError.IndexOutOfRange(index, size()));
    }
    return valueAt(bytes, bits, index);
  }

  static int valueAt(byte[] bytes, StatusBits bits, long index) {
    int perByte = bits.entriesPerByte();
    int b = bytes[(int) (index / perByte)] & 0xFF;
    int shift = (int) (index % perByte) * bits.bits();
    return (b >>> shift) & bits.maxValue();
  }

  /** A copy of the uncompressed byte array. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The byte array compressed with DEFLATE in the ZLIB format at the highest level (§4.1). */
  public byte[] compress() {
    return Zlib.compress(bytes);
  }

  /** The {@code lst} member: base64url of {@link #compress()} (§4.2). */
  public String toLst() {
    return Base64Url.encode(compress());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusList other && bits == other.bits && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * bits.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StatusList[bits=" + bits.bits() + ", size=" + size() + "]";
  }
}
