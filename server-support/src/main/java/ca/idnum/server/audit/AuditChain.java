package ca.idnum.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain of the audit log: each record's hash is the SHA-256 of its canonical content,
 * which includes its sequence number and the previous record's hash. Changing, removing or
 * inserting a record therefore breaks the chain at that record.
 *
 * <p>Canonical content: a JSON array {@code [seq, type, at, citizen, client, details, prev]} with
 * no white space, {@code at} as ISO-8601 UTC with millisecond precision, {@code details} as a JSON
 * object with keys in code-point order, strings escaped as RFC 8785 does (only {@code "}, {@code
 * \}, and control characters).
 */
public final class AuditChain {

  /** The previous hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The stored precision of a record's time (PostgreSQL and H2 keep at least this). */
  public static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Lower-case hex SHA-256 of the canonical content. */
  public static String hash(
      long seq,
      String type,
      Instant at,
      String citizen,
      String client,
      String detailsJson,
      String previousHash) {
    StringBuilder b = new StringBuilder(256);
    b.append('[').append(seq).append(',');
    string(b, type).append(',');
    string(b, truncate(at).toString()).append(',');
    string(b, citizen).append(',');
    string(b, client).append(',');
    b.append(detailsJson).append(',');
    string(b, previousHash).append(']');
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical JSON object of an event's details (keys sorted). */
  public static String detailsJson(Map<String, String> details) {
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      string(b, e.getKey()).append(':');
      string(b, e.getValue());
    }
    return b.append('}').toString();
  }

  /**
   * Parses what {@link #detailsJson} wrote (a flat object of strings).
   *
   * @throws IllegalArgumentException when the text is not such an object
   */
  public static Map<String, String> parseDetails(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    int[] pos = {0};
    expect(json, pos, '{');
    if (peek(json, pos) == '}') {
      pos[0]++;
      end(json, pos);
      return out;
    }
    while (true) {
      String key = readString(json, pos);
      expect(json, pos, ':');
      String value = peek(json, pos) == 'n' ? readNull(json, pos) : readString(json, pos);
      out.put(key, value);
      char c = next(json, pos);
      if (c == '}') {
        end(json, pos);
        return out;
      }
      if (c != ',') {
        throw new IllegalArgumentException("malformed details");
      }
    }
  }

  private static StringBuilder string(StringBuilder b, String s) {
    if (s == null) {
      return b.append("null");
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }

  private static String readNull(String json, int[] pos) {
    if (!json.startsWith("null", pos[0])) {
      throw new IllegalArgumentException("malformed details");
    }
    pos[0] += 4;
    return null;
  }

  private static String readString(String json, int[] pos) {
    expect(json, pos, '"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next(json, pos);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next(json, pos);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos[0] + 4 > json.length()) {
            throw new IllegalArgumentException("malformed details");
          }
          b.append((char) Integer.parseInt(json.substring(pos[0], pos[0] + 4), 16));
          pos[0] += 4;
        }
        default -> throw new IllegalArgumentException("malformed details");
      }
    }
  }

  private static void expect(String json, int[] pos, char expected) {
    if (next(json, pos) != expected) {
      throw new IllegalArgumentException("malformed details");
    }
  }

  private static char peek(String json, int[] pos) {
    if (pos[0] >= json.length()) {
      throw new IllegalArgumentException("malformed details");
    }
    return json.charAt(pos[0]);
  }

  private static char next(String json, int[] pos) {
    char c = peek(json, pos);
    pos[0]++;
    return c;
  }

  private static void end(String json, int[] pos) {
    if (pos[0] != json.length()) {
      throw new IllegalArgumentException("malformed details");
    }
  }
}
