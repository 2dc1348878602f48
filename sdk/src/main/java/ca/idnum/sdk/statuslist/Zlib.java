package ca.idnum.sdk.statuslist;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * DEFLATE in the ZLIB data format (RFC 1950, RFC 1951), as the Token Status List draft §4.1 step 4
 * requires: compression at the highest level, and inflation in bounded chunks that stops as soon as
 * the output passes a limit.
 */
final class Zlib {

  private static final int CHUNK = 64 * 1024;

  private Zlib() {}

  /** Compresses with DEFLATE at {@link Deflater#BEST_COMPRESSION} in the ZLIB format. */
  static byte[] compress(byte[] input) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, false);
    try {
      deflater.setInput(input);
      deflater.finish();
      byte[] out = new byte[Math.max(64, input.length / 8 + 64)];
      int length = 0;
      while (!deflater.finished()) {
        if (length == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        length += deflater.deflate(out, length, out.length - length);
      }
      return Arrays.copyOf(out, length);
    } finally {
      deflater.end();
    }
  }

  /**
   * Inflates a complete ZLIB stream that must inflate to at most {@code maxBytes}.
   *
   * @throws StatusListException {@link StatusListError.DecompressedTooLarge} as soon as the output
   *     passes the limit, {@link StatusListError.MalformedCompressedData} for a corrupt, truncated
   *     or trailing-garbage stream
   */
  static byte[] inflate(byte[] compressed, int maxBytes) throws StatusListException {
    Inflater inflater = new Inflater(false);
    try {
      inflater.setInput(compressed);
      byte[] out =
          new byte[(int) Math.min((long) maxBytes + 1, Math.max(CHUNK, compressed.length * 4L))];
      int length = 0;
      while (!inflater.finished()) {
        if (length == out.length) {
          out = Arrays.copyOf(out, (int) Math.min((long) maxBytes + 1, (long) out.length * 2));
        }
        int room = Math.min(out.length - length, CHUNK);
        int n = inflater.inflate(out, length, room);
        if (n == 0 && !inflater.finished()) {
          if (inflater.needsDictionary()) {
            throw malformed("a preset dictionary is not allowed");
          }
          if (inflater.needsInput()) {
            throw malformed("the stream is truncated");
          }
          throw malformed("the stream makes no progress");
        }
        length += n;
        if (length > maxBytes) {
          throw new StatusListException(new StatusListError.DecompressedTooLarge(maxBytes));
        }
      }
      if (inflater.getRemaining() > 0) {
        throw malformed("bytes follow the end of the stream");
      }
      return length == out.length ? out : Arrays.copyOf(out, length);
    } catch (DataFormatException e) {
      throw malformed(e.getMessage() == null ? "invalid data" : e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static StatusListException malformed(String reason) {
    return new StatusListException(new StatusListError.MalformedCompressedData(reason));
  }
}
