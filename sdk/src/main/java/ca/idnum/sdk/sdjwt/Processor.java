package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.sdjwt.SdJwtError.ClaimNameCollision;
import ca.idnum.sdk.sdjwt.SdJwtError.DuplicateDigest;
import ca.idnum.sdk.sdjwt.SdJwtError.DuplicateDisclosure;
import ca.idnum.sdk.sdjwt.SdJwtError.Limit;
import ca.idnum.sdk.sdjwt.SdJwtError.LimitExceeded;
import ca.idnum.sdk.sdjwt.SdJwtError.Malformed;
import ca.idnum.sdk.sdjwt.SdJwtError.Part;
import ca.idnum.sdk.sdjwt.SdJwtError.ReservedClaimName;
import ca.idnum.sdk.sdjwt.SdJwtError.UnreferencedDisclosure;
import ca.idnum.sdk.sdjwt.SdJwtError.UnsupportedHashAlgorithm;
import ca.idnum.sdk.sdjwt.SdJwtError.WrongDisclosureKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces digests by the disclosed claims (RFC 9901 §7.1 steps 3 to 5): the processed payload and
 * the list of disclosed claims with their paths (internal; one instance per SD-JWT).
 */
final class Processor {

  /** The outcome of processing. */
  record Result(
      Map<String, Object> claims, List<DisclosedClaim> disclosed, HashAlgorithm hashAlgorithm) {}

  /** A path as a parent-linked list, turned into a {@link ClaimPath} only when needed. */
  private record Node(Node parent, Object element) {
    ClaimPath toClaimPath() {
      java.util.ArrayDeque<Object> elements = new java.util.ArrayDeque<>();
      for (Node n = this; n != null; n = n.parent) {
        elements.addFirst(n.element);
      }
      return new ClaimPath(new ArrayList<>(elements));
    }

    @Override
    public String toString() {
      return toClaimPath().toString();
    }
  }

  private final SdJwtLimits limits;
  private final Map<String, Disclosure> byDigest;
  private final Set<String> seenDigests = new HashSet<>();
  private final List<DisclosedClaim> disclosed = new ArrayList<>();

  private Processor(SdJwtLimits limits, Map<String, Disclosure> byDigest) {
    this.limits = limits;
    this.byDigest = byDigest;
  }

  static HashAlgorithm hashAlgorithm(Map<String, Object> payload) throws SdJwtException {
    Object sdAlg = payload.get("_sd_alg");
    if (sdAlg == null) {
      return HashAlgorithm.SHA_256;
    }
    if (!(sdAlg instanceof String name)) {
      throw new SdJwtException(new Malformed(Part.ISSUER_JWT, "_sd_alg must be a string"));
    }
    return HashAlgorithm.fromIanaName(name)
        .orElseThrow(() -> new SdJwtException(new UnsupportedHashAlgorithm(name)));
  }

  static Result process(
      Map<String, Object> payload, List<Disclosure> disclosures, SdJwtLimits limits)
      throws SdJwtException {
    HashAlgorithm alg = hashAlgorithm(payload);
    Map<String, Disclosure> byDigest = new HashMap<>(disclosures.size() * 2);
    for (Disclosure d : disclosures) {
      String digest = d.digest(alg);
      if (byDigest.putIfAbsent(digest, d) != null) {
        throw new SdJwtException(new DuplicateDisclosure(digest));
      }
    }
    Processor p = new Processor(limits, byDigest);
    Map<String, Object> claims = p.object(payload, null, 1, true);
    if (p.disclosed.size() != disclosures.size()) {
      for (Map.Entry<String, Disclosure> e : byDigest.entrySet()) {
        if (!p.seenDigests.contains(e.getKey())) {
          throw new SdJwtException(new UnreferencedDisclosure(e.getKey()));
        }
      }
    }
    return new Result(claims, Collections.unmodifiableList(p.disclosed), alg);
  }

  private Object value(Object v, Node path, int depth) throws SdJwtException {
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> obj = (Map<String, Object>) m;
      return object(obj, path, depth + 1, false);
    }
    if (v instanceof List<?> l) {
      return array(l, path, depth + 1);
    }
    return v;
  }

  private Map<String, Object> object(Map<String, Object> obj, Node path, int depth, boolean top)
      throws SdJwtException {
    checkDepth(depth);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : obj.entrySet()) {
      String k = e.getKey();
      if (k.equals("_sd") || (top && k.equals("_sd_alg"))) {
        continue;
      }
      out.put(k, value(e.getValue(), new Node(path, k), depth));
    }
    Object sd = obj.get("_sd");
    if (sd == null) {
      return Collections.unmodifiableMap(out);
    }
    if (!(sd instanceof List<?> digests)) {
      throw new SdJwtException(
          new Malformed(
              Part.ISSUER_JWT, "_sd must be an array at " + (path == null ? "[]" : path)));
    }
    if (digests.size() > limits.maxArrayLength()) {
      throw new SdJwtException(new LimitExceeded(Limit.ARRAY_LENGTH, limits.maxArrayLength()));
    }
    for (Object o : digests) {
      if (!(o instanceof String digest)) {
        throw new SdJwtException(new Malformed(Part.ISSUER_JWT, "_sd digests must be strings"));
      }
      if (!seenDigests.add(digest)) {
        throw new SdJwtException(new DuplicateDigest(digest));
      }
      Disclosure d = byDigest.get(digest);
      if (d == null) {
        continue;
      }
      if (d.isArrayElement()) {
        throw new SdJwtException(new WrongDisclosureKind(digest));
      }
      String name = d.claimName();
      if (name.equals("_sd") || name.equals("...")) {
        throw new SdJwtException(new ReservedClaimName(name));
      }
      if (out.containsKey(name) || obj.containsKey(name)) {
        throw new SdJwtException(new ClaimNameCollision(name));
      }
      Node child = new Node(path, name);
      Object processed = value(d.claimValue(), child, depth);
      out.put(name, processed);
      disclosed.add(new DisclosedClaim(child.toClaimPath(), d, processed));
    }
    return Collections.unmodifiableMap(out);
  }

  private List<Object> array(List<?> arr, Node path, int depth) throws SdJwtException {
    checkDepth(depth);
    if (arr.size() > limits.maxArrayLength()) {
      throw new SdJwtException(new LimitExceeded(Limit.ARRAY_LENGTH, limits.maxArrayLength()));
    }
    List<Object> out = new ArrayList<>(arr.size());
    for (Object e : arr) {
      if (e instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("...")) {
        if (!(m.get("...") instanceof String digest)) {
          throw new SdJwtException(new Malformed(Part.ISSUER_JWT, "... digest must be a string"));
        }
        if (!seenDigests.add(digest)) {
          throw new SdJwtException(new DuplicateDigest(digest));
        }
        Disclosure d = byDigest.get(digest);
        if (d == null) {
          continue;
        }
        if (!d.isArrayElement()) {
          throw new SdJwtException(new WrongDisclosureKind(digest));
        }
        Node child = new Node(path, out.size());
        Object processed = value(d.claimValue(), child, depth);
        out.add(processed);
        disclosed.add(new DisclosedClaim(child.toClaimPath(), d, processed));
      } else {
        out.add(value(e, new Node(path, out.size()), depth));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private void checkDepth(int depth) throws SdJwtException {
    if (depth > limits.maxDepth()) {
      throw new SdJwtException(new LimitExceeded(Limit.NESTING_DEPTH, limits.maxDepth()));
    }
  }
}
