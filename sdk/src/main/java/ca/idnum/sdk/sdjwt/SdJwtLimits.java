package ca.idnum.sdk.sdjwt;

/**
 * Limits applied to untrusted SD-JWT input before and while it is processed (RFC 9901 §9 security
 * considerations). Exceeding one yields {@link SdJwtError.LimitExceeded}.
 *
 * @param maxTotalLength maximum length of the whole serialization, in characters
 * @param maxDisclosures maximum number of Disclosures
 * @param maxDepth maximum nesting depth of JSON objects and arrays in the processed payload
 * @param maxArrayLength maximum number of elements of one array
 */
public record SdJwtLimits(
    int maxTotalLength, int maxDisclosures, int maxDepth, int maxArrayLength) {

  /** 256 KiB, 1024 Disclosures, depth 32, 4096 array elements. */
  public static final SdJwtLimits DEFAULT = new SdJwtLimits(256 * 1024, 1024, 32, 4096);

  /** Validates that every limit is positive. */
  public SdJwtLimits {
    if (maxTotalLength <= 0 || maxDisclosures <= 0 || maxDepth <= 0 || maxArrayLength <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
