package ca.idnum.sdk.statuslist;

import java.util.Optional;

/**
 * The number of bits per Referenced Token in a Status List: 1, 2, 4 or 8 (Token Status List draft,
 * §4.1 step 1 and §4.2 {@code bits}).
 */
public enum StatusBits {
  /** One bit per entry: statuses 0 and 1. */
  ONE(1),
  /** Two bits per entry: statuses 0 to 3. */
  TWO(2),
  /** Four bits per entry: statuses 0 to 15. */
  FOUR(4),
  /** Eight bits per entry: statuses 0 to 255. */
  EIGHT(8);

  private final int bits;

  StatusBits(int bits) {
    this.bits = bits;
  }

  /** The number of bits, as carried in the {@code bits} member. */
  public int bits() {
    return bits;
  }

  /** How many entries one byte holds (8, 4, 2 or 1). */
  public int entriesPerByte() {
    return 8 / bits;
  }

  /** The largest status value an entry of this size can hold. */
  public int maxValue() {
    return (1 << bits) - 1;
  }

  /** The constant for a {@code bits} value, or empty when it is not 1, 2, 4 or 8. */
  public static Optional<StatusBits> fromBits(long value) {
    for (StatusBits candidate : values()) {
      if (candidate.bits == value) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The constant for a {@code bits} value.
   *
   * @throws IllegalArgumentException when the value is not 1, 2, 4 or 8
   */
  public static StatusBits of(int value) {
    return fromBits(value)
        .orElseThrow(() -> new IllegalArgumentException("bits must be 1, 2, 4 or 8, was " + value));
  }

  /** The smallest size that can hold every status value up to {@code maxStatus}. */
  public static StatusBits smallestFor(int maxStatus) {
    TokenStatus.requireRange(maxStatus);
    for (StatusBits candidate : values()) {
      if (maxStatus <= candidate.maxValue()) {
        return candidate;
      }
    }
    throw new IllegalStateException("unreachable: a status fits in 8 bits");
  }
}
