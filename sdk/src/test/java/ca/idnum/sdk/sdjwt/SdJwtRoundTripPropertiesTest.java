package ca.idnum.sdk.sdjwt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.TestKeys.TestKey;
import ca.idnum.sdk.trust.FixedKeyResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Property: for any claims tree, any disclosure policy and any subset of claims presented, the
 * Verifier sees exactly the always-visible claims plus the presented ones (RFC 9901 §7.1, §7.2).
 */
class SdJwtRoundTripPropertiesTest {
  static final TestKey ISSUER = TestKeys.es256("p-issuer");
  static final TestKey HOLDER = TestKeys.es256("p-holder");
  static final VerifierOptions OPTIONS =
      VerifierOptions.builder(new FixedKeyResolver(ISSUER.publicKey())).build();
  static final SdJwtIssuer SD_ISSUER =
      SdJwtIssuer.builder(ISSUER.signer(), ISSUER.algorithm()).build();
  static final String[] NAMES = {"a", "b", "c", "d", "é", "given_name", "x y"};

  static Object value(Random r, int depth) {
    int kind = depth >= 3 ? r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0:
        return "s" + r.nextInt(100);
      case 1:
        return (long) r.nextInt(1000);
      case 2:
        return r.nextBoolean();
      case 3:
        return r.nextInt(10) == 0 ? null : "v";
      case 4:
        return object(r, depth + 1);
      default:
        List<Object> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(value(r, depth + 1));
        }
        return list;
    }
  }

  static Map<String, Object> object(Random r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = r.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < n; i++) {
      m.put(NAMES[r.nextInt(NAMES.length)], value(r, depth));
    }
    return m;
  }

  static void paths(Object node, ClaimPath path, List<ClaimPath> out) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        ClaimPath p = path.child(e.getKey());
        out.add(p);
        paths(e.getValue(), p, out);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        ClaimPath p = path.child(i);
        out.add(p);
        paths(l.get(i), p, out);
      }
    }
  }

  static boolean visible(ClaimPath p, Set<ClaimPath> sd, List<ClaimPath> selected) {
    for (int len = 1; len <= p.size(); len++) {
      ClaimPath prefix = new ClaimPath(p.elements().subList(0, len));
      if (sd.contains(prefix) && selected.stream().noneMatch(s -> s.overlaps(prefix))) {
        return false;
      }
    }
    return true;
  }

  static Object expected(Object node, ClaimPath path, Set<ClaimPath> sd, List<ClaimPath> sel) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        ClaimPath p = path.child(e.getKey());
        if (visible(p, sd, sel)) {
          out.put((String) e.getKey(), expected(e.getValue(), p, sd, sel));
        }
      }
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        ClaimPath p = path.child(i);
        if (visible(p, sd, sel)) {
          out.add(expected(l.get(i), p, sd, sel));
        }
      }
      return out;
    }
    return node;
  }

  @Property(tries = 150)
  void issuePresentAnySubsetVerifyGivesExactlyThatSubset(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Map<String, Object> claims = object(r, 0);
    List<ClaimPath> all = new ArrayList<>();
    paths(claims, ClaimPath.root(), all);
    Set<ClaimPath> sd = new HashSet<>();
    DisclosurePolicy.Builder policy = DisclosurePolicy.builder();
    for (ClaimPath p : all) {
      if (r.nextInt(3) > 0) {
        sd.add(p);
        policy.disclosable(p);
      }
    }
    if (r.nextBoolean()) {
      policy.decoys(ClaimPath.root(), r.nextInt(3));
    }
    List<ClaimPath> selected = new ArrayList<>();
    for (ClaimPath p : all) {
      if (r.nextInt(3) == 0) {
        selected.add(p);
      }
    }
    SdJwt issued = SD_ISSUER.issue(claims, policy.build());
    SdJwtHolder holder = new SdJwtHolder(OPTIONS);
    HeldSdJwt held = holder.accept(issued.serialize());
    assertThat(held.claims()).isEqualTo(claims);

    String presentation = holder.present(held, selected).serialize();
    VerificationResult result = new SdJwtVerifier(OPTIONS).verify(presentation, null);
    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    assertThat(((VerificationResult.Verified) result).claims())
        .isEqualTo(expected(claims, ClaimPath.root(), sd, selected));
  }
}
