package ca.idnum.sdk.sdjwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A path to a claim, as in DCQL claims paths (OpenID4VP 1.0 §7): each element is a claim name
 * ({@link String}), an array index ({@link Integer}, zero or more) or {@code null} for every
 * element of an array. Used to name selectively disclosable claims at issuance (RFC 9901 §4.2) and
 * the claims a Holder discloses (§7.2).
 *
 * @param elements the path elements; an empty list is the top-level object
 */
public record ClaimPath(List<Object> elements) {

  private static final ClaimPath ROOT = new ClaimPath(List.of());

  /** Validates the elements and makes an immutable copy (which may contain {@code null}). */
  public ClaimPath {
    for (Object e : elements) {
      if (e != null && !(e instanceof String) && !(e instanceof Integer)) {
        throw new IllegalArgumentException("path elements are String, Integer or null");
      }
      if (e instanceof Integer i && i < 0) {
        throw new IllegalArgumentException("array index must not be negative");
      }
    }
    elements = Collections.unmodifiableList(new ArrayList<>(elements));
  }

  /** A path from its elements: names, indexes, {@code null} for all array elements. */
  public static ClaimPath of(Object... elements) {
    List<Object> list = new ArrayList<>(elements.length);
    Collections.addAll(list, elements);
    return new ClaimPath(list);
  }

  /** The empty path, naming the top-level object. */
  public static ClaimPath root() {
    return ROOT;
  }

  /** This path with one more element. */
  public ClaimPath child(Object element) {
    List<Object> list = new ArrayList<>(elements.size() + 1);
    list.addAll(elements);
    list.add(element);
    return new ClaimPath(list);
  }

  /** Number of elements. */
  public int size() {
    return elements.size();
  }

  /** Whether the path contains a {@code null} (all elements) wildcard. */
  public boolean hasWildcard() {
    return elements.contains(null);
  }

  /**
   * Whether this (possibly wildcard) path names exactly the concrete path {@code other}: same
   * length and every element equal, {@code null} matching any index.
   */
  public boolean matches(ClaimPath other) {
    return elements.size() == other.elements.size() && prefixMatches(other, elements.size());
  }

  /**
   * Whether this path and {@code other} agree on their common prefix, i.e. one is an ancestor of,
   * equal to, or a descendant of the other. A Holder discloses a claim's ancestors and descendants
   * together with the claim.
   */
  public boolean overlaps(ClaimPath other) {
    return prefixMatches(other, Math.min(elements.size(), other.elements.size()));
  }

  private boolean prefixMatches(ClaimPath other, int n) {
    for (int i = 0; i < n; i++) {
      Object mine = elements.get(i);
      Object theirs = other.elements.get(i);
      if (mine == null) {
        if (!(theirs instanceof Integer) && theirs != null) {
          return false;
        }
      } else if (theirs == null) {
        if (!(mine instanceof Integer)) {
          return false;
        }
      } else if (!mine.equals(theirs)) {
        return false;
      }
    }
    return true;
  }

  /** Whether this path selects at least one value in {@code claims}. */
  public boolean existsIn(Map<String, ?> claims) {
    return exists(claims, 0);
  }

  private boolean exists(Object node, int i) {
    if (i == elements.size()) {
      return true;
    }
    Object e = elements.get(i);
    if (e instanceof String name && node instanceof Map<?, ?> map) {
      return map.containsKey(name) && exists(map.get(name), i + 1);
    }
    if (node instanceof List<?> list) {
      if (e == null) {
        for (Object item : list) {
          if (exists(item, i + 1)) {
            return true;
          }
        }
        return false;
      }
      if (e instanceof Integer idx) {
        return idx < list.size() && exists(list.get(idx), i + 1);
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return elements.toString();
  }
}
