package ca.idnum.sdk.statuslist;

/**
 * A Status Type value of a Referenced Token, 0 to 255 (Token Status List draft, §7 and §7.1):
 * {@link #VALID} 0x00, {@link #INVALID} 0x01, {@link #SUSPENDED} 0x02, the application-specific
 * values 0x03 and 0x0C to 0x0F, and the values reserved for future registration.
 *
 * @param value the status value, 0 to 255
 */
public record TokenStatus(int value) {

  /** 0x00: the Referenced Token is valid, correct or legal. */
  public static final TokenStatus VALID = new TokenStatus(0x00);

  /** 0x01: the Referenced Token is revoked, annulled, taken back, recalled or cancelled. */
  public static final TokenStatus INVALID = new TokenStatus(0x01);

  /** 0x02: the Referenced Token is temporarily invalid. */
  public static final TokenStatus SUSPENDED = new TokenStatus(0x02);

  private static final TokenStatus[] CACHE = new TokenStatus[256];

  static {
    CACHE[0] = VALID;
    CACHE[1] = INVALID;
    CACHE[2] = SUSPENDED;
    for (int i = 3; i < CACHE.length; i++) {
      CACHE[i] = new TokenStatus(i);
    }
  }

  /** Validates the range. */
  public TokenStatus {
    requireRange(value);
  }

  /** The status for a value, 0 to 255 (shared instances). */
  public static TokenStatus of(int value) {
    requireRange(value);
    return CACHE[value];
  }

  /** True for 0x00 ("VALID"). */
  public boolean isValid() {
    return value == 0x00;
  }

  /** True for 0x03 and 0x0C to 0x0F, the values §7.1 reserves as application specific. */
  public boolean isApplicationSpecific() {
    return value == 0x03 || (value >= 0x0C && value <= 0x0F);
  }

  /** True for the values this draft registers: VALID, INVALID and SUSPENDED. */
  public boolean isRegistered() {
    return value <= 0x02;
  }

  @Override
  public String toString() {
    return switch (value) {
      case 0x00 -> "VALID";
      case 0x01 -> "INVALID";
      case 0x02 -> "SUSPENDED";
      default -> String.format("0x%02X", value);
    };
  }

  static void requireRange(int value) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("a status value is 0 to 255, was " + value);
    }
  }
}
