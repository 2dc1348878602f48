package ca.idnum.sdk.statuslist;

/**
 * Bounds applied to untrusted Status List input before and while it is processed (Token Status List
 * draft, §11.1 and §11.5): the length of a compact Status List Token and the size the compressed
 * byte array may inflate to. Inflation stops as soon as the second bound is passed, so a
 * decompression bomb is never inflated fully.
 *
 * @param maxTokenChars the longest compact Status List Token accepted, in characters
 * @param maxDecompressedBytes the largest uncompressed byte array accepted, in bytes
 */
public record StatusListLimits(int maxTokenChars, int maxDecompressedBytes) {

  /** 16 MiB: a 1-bit list of 134 million entries, beyond the 100M of the draft's Appendix B. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

  /** 24 MiB of characters, room for an incompressible list at the default decompressed bound. */
  public static final int DEFAULT_MAX_TOKEN_CHARS = 24 * 1024 * 1024;

  /** Validates both bounds are positive. */
  public StatusListLimits {
    if (maxTokenChars <= 0) {
      throw new IllegalArgumentException("maxTokenChars must be positive");
    }
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive");
    }
  }

  /** The default bounds. */
  public static StatusListLimits defaults() {
    return new StatusListLimits(DEFAULT_MAX_TOKEN_CHARS, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }
}
