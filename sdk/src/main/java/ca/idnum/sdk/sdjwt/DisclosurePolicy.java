package ca.idnum.sdk.sdjwt;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which claims an Issuer makes selectively disclosable, and where it adds decoy digests (RFC 9901
 * §4.2.1, §4.2.2, §4.2.5, §4.2.6). A path naming an object property makes that property
 * disclosable; a path ending in an index or {@code null} makes array elements disclosable. When
 * both a claim and claims below it are named, the Disclosures are recursive (§4.2.6).
 *
 * @param selectivelyDisclosable the paths of the selectively disclosable claims
 * @param decoys number of decoy digests per object or array path ({@link ClaimPath#root()} for the
 *     top level)
 */
public record DisclosurePolicy(
    Set<ClaimPath> selectivelyDisclosable, Map<ClaimPath, Integer> decoys) {

  /** Validates and copies. */
  public DisclosurePolicy {
    selectivelyDisclosable = Set.copyOf(selectivelyDisclosable);
    for (ClaimPath p : selectivelyDisclosable) {
      if (p.size() == 0) {
        throw new IllegalArgumentException("the top-level object cannot be disclosable");
      }
    }
    decoys = Map.copyOf(decoys);
    for (Map.Entry<ClaimPath, Integer> e : decoys.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 1000) {
        throw new IllegalArgumentException("decoy count must be between 0 and 1000");
      }
    }
  }

  /** A policy where nothing is selectively disclosable. */
  public static DisclosurePolicy none() {
    return new DisclosurePolicy(Set.of(), Map.of());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the claim at the concrete path {@code path} is selectively disclosable. */
  public boolean isDisclosable(ClaimPath path) {
    if (selectivelyDisclosable.contains(path)) {
      return true;
    }
    for (ClaimPath p : selectivelyDisclosable) {
      if (p.hasWildcard() && p.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /** The number of decoys to add to the object or array at {@code path}. */
  public int decoysAt(ClaimPath path) {
    Integer n = decoys.get(path);
    if (n != null) {
      return n;
    }
    for (Map.Entry<ClaimPath, Integer> e : decoys.entrySet()) {
      if (e.getKey().hasWildcard() && e.getKey().matches(path)) {
        return e.getValue();
      }
    }
    return 0;
  }

  /** Builds a {@link DisclosurePolicy}. */
  public static final class Builder {
    private final Set<ClaimPath> disclosable = new LinkedHashSet<>();
    private final Map<ClaimPath, Integer> decoys = new LinkedHashMap<>();

    private Builder() {}

    /** Makes the claim at the path given by its elements selectively disclosable. */
    public Builder disclosable(Object... path) {
      disclosable.add(ClaimPath.of(path));
      return this;
    }

    /** Makes the claim at {@code path} selectively disclosable. */
    public Builder disclosable(ClaimPath path) {
      disclosable.add(Objects.requireNonNull(path));
      return this;
    }

    /** Adds {@code count} decoy digests to the object or array at {@code path}. */
    public Builder decoys(ClaimPath path, int count) {
      decoys.put(Objects.requireNonNull(path), count);
      return this;
    }

    /** The policy. */
    public DisclosurePolicy build() {
      return new DisclosurePolicy(disclosable, decoys);
    }
  }
}
