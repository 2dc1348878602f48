package ca.idnum.sdk.dcql;

import ca.idnum.sdk.dcql.DcqlException.Reason;
import ca.idnum.sdk.sdjwt.ClaimPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates DCQL queries (OpenID4VP 1.0 §6.4) on both sides: for a Wallet, which held credentials
 * answer a query and which claims to disclose ({@link #select(DcqlQuery, List)}); for a Verifier,
 * whether a presentation answers the query exactly — no unknown credential query, the right type,
 * every requested claim (one claim set), no claim that was not asked for, every required credential
 * set ({@link #check(DcqlQuery, Map)}). Stateless.
 */
public final class DcqlMatcher {

  private DcqlMatcher() {}

  /**
   * A credential the Wallet holds.
   *
   * @param vct its type
   * @param claims its processed claims (every disclosure applied)
   * @param handle the caller's reference to it
   * @param <T> the handle type
   */
  public record Candidate<T>(String vct, Map<String, Object> claims, T handle) {
    /** Validates. */
    public Candidate {
      Objects.requireNonNull(vct, "vct");
      Objects.requireNonNull(claims, "claims");
    }
  }

  /**
   * A held credential chosen to answer a credential query, with the claims to disclose.
   *
   * @param credentialQueryId the credential query it answers
   * @param candidate the credential
   * @param paths the claims paths to disclose
   * @param <T> the handle type
   */
  public record Match<T>(String credentialQueryId, Candidate<T> candidate, List<ClaimPath> paths) {
    /** Validates. */
    public Match {
      paths = List.copyOf(paths);
    }
  }

  /**
   * A presented credential as the Verifier sees it after verification.
   *
   * @param vct its type
   * @param claims the processed claims (what was disclosed plus the always-visible claims)
   * @param disclosedPaths the paths of the claims revealed by Disclosures
   */
  public record Presented(String vct, Map<String, Object> claims, List<ClaimPath> disclosedPaths) {
    /** Validates. */
    public Presented {
      Objects.requireNonNull(vct, "vct");
      Objects.requireNonNull(claims, "claims");
      disclosedPaths = List.copyOf(disclosedPaths);
    }
  }

  /**
   * Chooses, for each credential set (the first option that can be satisfied), the first held
   * credential answering each credential query and the claims of its first satisfiable claim set.
   * Optional credential sets are answered when possible.
   *
   * @return the matches, one per credential query answered, in query order
   * @throws DcqlException {@link Reason#NO_MATCH} when a required credential set cannot be answered
   */
  public static <T> List<Match<T>> select(DcqlQuery query, List<Candidate<T>> held)
      throws DcqlException {
    Map<String, Match<T>> best = new LinkedHashMap<>();
    for (CredentialQuery cq : query.credentials()) {
      outer:
      for (Candidate<T> c : held) {
        if (!cq.vctValues().isEmpty() && !cq.vctValues().contains(c.vct())) {
          continue;
        }
        for (List<ClaimsQuery> alternative : cq.alternatives()) {
          if (satisfies(c.claims(), alternative)) {
            best.put(
                cq.id(),
                new Match<>(cq.id(), c, alternative.stream().map(ClaimsQuery::path).toList()));
            break outer;
          }
        }
      }
    }
    List<String> chosen = new ArrayList<>();
    for (CredentialSetQuery set : query.effectiveCredentialSets()) {
      List<String> option = null;
      for (List<String> o : set.options()) {
        if (best.keySet().containsAll(o)) {
          option = o;
          break;
        }
      }
      if (option == null) {
        if (set.required()) {
          throw new DcqlException(
              Reason.NO_MATCH, "no held credential answers a required credential set");
        }
        continue;
      }
      for (String id : option) {
        if (!chosen.contains(id)) {
          chosen.add(id);
        }
      }
    }
    List<Match<T>> out = new ArrayList<>();
    for (CredentialQuery cq : query.credentials()) {
      if (chosen.contains(cq.id())) {
        out.add(best.get(cq.id()));
      }
    }
    return out;
  }

  /**
   * Checks that a presentation answers {@code query} exactly (OpenID4VP 1.0 §6.4, §8.6 "the
   * Verifier MUST check that the presented credentials match the query").
   *
   * @param presented the verified credentials by credential query id
   * @throws DcqlException what does not match
   */
  public static void check(DcqlQuery query, Map<String, List<Presented>> presented)
      throws DcqlException {
    for (Map.Entry<String, List<Presented>> e : presented.entrySet()) {
      CredentialQuery cq =
          query
              .credential(e.getKey())
              .orElseThrow(
                  () ->
                      new DcqlException(
                          Reason.UNKNOWN_CREDENTIAL_QUERY,
                          "the response answers a credential query that was not asked"));
      if (e.getValue().isEmpty()) {
        throw new DcqlException(Reason.MISSING_CREDENTIAL, "empty answer for " + cq.id());
      }
      if (e.getValue().size() > 1 && !cq.multiple()) {
        throw new DcqlException(
            Reason.TOO_MANY_PRESENTATIONS, "several presentations for " + cq.id());
      }
      for (Presented p : e.getValue()) {
        checkOne(cq, p);
      }
    }
    for (CredentialSetQuery set : query.effectiveCredentialSets()) {
      if (!set.required()) {
        continue;
      }
      boolean ok = set.options().stream().anyMatch(o -> presented.keySet().containsAll(o));
      if (!ok) {
        throw new DcqlException(
            Reason.MISSING_CREDENTIAL, "a required credential is missing from the response");
      }
    }
  }

  private static void checkOne(CredentialQuery cq, Presented p) throws DcqlException {
    if (!cq.vctValues().isEmpty() && !cq.vctValues().contains(p.vct())) {
      throw new DcqlException(Reason.WRONG_TYPE, "vct is not one of the requested types");
    }
    boolean any = false;
    for (List<ClaimsQuery> alternative : cq.alternatives()) {
      if (satisfies(p.claims(), alternative)) {
        any = true;
        break;
      }
    }
    if (!any) {
      throw new DcqlException(Reason.MISSING_CLAIM, "a requested claim is missing");
    }
    for (ClaimPath disclosed : p.disclosedPaths()) {
      boolean asked = false;
      for (ClaimsQuery q : cq.claims()) {
        if (q.path().overlaps(disclosed)) {
          asked = true;
          break;
        }
      }
      if (!asked) {
        throw new DcqlException(
            Reason.EXTRA_CLAIM, "a claim was disclosed that was not requested: " + disclosed);
      }
    }
  }

  /** Whether every claims query of {@code claims} selects a value (and an accepted one). */
  static boolean satisfies(Map<String, Object> claims, List<ClaimsQuery> queries) {
    for (ClaimsQuery q : queries) {
      if (!q.path().existsIn(claims)) {
        return false;
      }
      if (!q.values().isEmpty() && !valueMatches(claims, q)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueMatches(Map<String, Object> claims, ClaimsQuery q) {
    List<Object> found = new ArrayList<>();
    collect(claims, q.path().elements(), 0, found);
    for (Object v : found) {
      for (Object accepted : q.values()) {
        if (sameJsonValue(v, accepted)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean sameJsonValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  private static void collect(Object node, List<Object> path, int i, List<Object> out) {
    if (i == path.size()) {
      out.add(node);
      return;
    }
    Object e = path.get(i);
    if (e instanceof String name && node instanceof Map<?, ?> m && m.containsKey(name)) {
      collect(m.get(name), path, i + 1, out);
    } else if (node instanceof List<?> l) {
      if (e == null) {
        for (Object item : l) {
          collect(item, path, i + 1, out);
        }
      } else if (e instanceof Integer idx && idx < l.size()) {
        collect(l.get(idx), path, i + 1, out);
      }
    }
  }
}
