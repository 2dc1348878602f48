package ca.idnum.sdk.dcql;

import ca.idnum.sdk.dcql.DcqlException.Reason;
import ca.idnum.sdk.sdjwt.ClaimPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Digital Credentials Query Language query (OpenID4VP 1.0 §6): {@code credentials} and optional
 * {@code credential_sets}. {@link #parse(Map)} validates the JSON form strictly (unknown members
 * inside known objects are ignored as §6 allows; wrong types, empty arrays, duplicate or dangling
 * ids are refused) within fixed limits on hostile input.
 *
 * @param credentials the credential queries (at least one, unique ids)
 * @param credentialSets the credential set queries (empty: every credential query is required)
 */
public record DcqlQuery(
    List<CredentialQuery> credentials, List<CredentialSetQuery> credentialSets) {

  /** The format identifier of SD-JWT VCs (OpenID4VP 1.0 Annex B.3.1). */
  public static final String SD_JWT_VC = "dc+sd-jwt";

  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_CREDENTIALS = 32;
  private static final int MAX_CLAIMS = 64;
  private static final int MAX_PATH = 16;
  private static final int MAX_OPTIONS = 32;

  /** Validates ids and references. */
  public DcqlQuery {
    credentials = List.copyOf(credentials);
    credentialSets = List.copyOf(credentialSets == null ? List.of() : credentialSets);
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("credentials must not be empty");
    }
    Set<String> ids = new HashSet<>();
    for (CredentialQuery c : credentials) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate credential id " + c.id());
      }
    }
    for (CredentialSetQuery s : credentialSets) {
      for (List<String> o : s.options()) {
        for (String ref : o) {
          if (!ids.contains(ref)) {
            throw new IllegalArgumentException("credential_sets names an unknown credential id");
          }
        }
      }
    }
  }

  /** The credential query with this id. */
  public Optional<CredentialQuery> credential(String id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The credential sets to satisfy: those given, or one required set per credential query when
   * {@code credential_sets} is absent (§6.4.2: then every credential query is requested).
   */
  public List<CredentialSetQuery> effectiveCredentialSets() {
    if (!credentialSets.isEmpty()) {
      return credentialSets;
    }
    return credentials.stream()
        .map(c -> new CredentialSetQuery(List.of(List.of(c.id())), true))
        .toList();
  }

  /** Parses the JSON object of a {@code dcql_query}. */
  public static DcqlQuery parse(Map<String, ?> json) throws DcqlException {
    if (json == null) {
      throw new DcqlException(Reason.INVALID_QUERY, "the query must be a JSON object");
    }
    try {
      List<?> creds = array(json.get("credentials"), "credentials", MAX_CREDENTIALS);
      List<CredentialQuery> credentials = new ArrayList<>();
      for (Object c : creds) {
        credentials.add(credential(object(c, "credentials[]")));
      }
      List<CredentialSetQuery> sets = new ArrayList<>();
      if (json.containsKey("credential_sets")) {
        for (Object s : array(json.get("credential_sets"), "credential_sets", MAX_OPTIONS)) {
          Map<String, ?> set = object(s, "credential_sets[]");
          List<List<String>> options = new ArrayList<>();
          for (Object o : array(set.get("options"), "options", MAX_OPTIONS)) {
            options.add(strings(o, "options[]", MAX_CREDENTIALS));
          }
          boolean required = bool(set.get("required"), "required", true);
          sets.add(new CredentialSetQuery(options, required));
        }
      }
      return new DcqlQuery(credentials, sets);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new DcqlException(Reason.INVALID_QUERY, String.valueOf(e.getMessage()));
    }
  }

  private static CredentialQuery credential(Map<String, ?> c) {
    String id = string(c.get("id"), "id");
    String format = string(c.get("format"), "format");
    if (!SD_JWT_VC.equals(format)) {
      throw new IllegalArgumentException("only the dc+sd-jwt format is supported");
    }
    boolean multiple = bool(c.get("multiple"), "multiple", false);
    boolean binding = bool(c.get("require_cryptographic_holder_binding"), "binding", true);
    List<String> vcts = List.of();
    if (c.get("meta") != null) {
      Map<String, ?> meta = object(c.get("meta"), "meta");
      if (meta.get("vct_values") != null) {
        vcts = strings(meta.get("vct_values"), "vct_values", MAX_OPTIONS);
      }
    }
    if (vcts.isEmpty()) {
      throw new IllegalArgumentException("meta.vct_values is required for dc+sd-jwt");
    }
    List<ClaimsQuery> claims = new ArrayList<>();
    if (c.containsKey("claims")) {
      for (Object q : array(c.get("claims"), "claims", MAX_CLAIMS)) {
        Map<String, ?> cq = object(q, "claims[]");
        String cid = cq.get("id") == null ? null : string(cq.get("id"), "claims.id");
        List<?> p = array(cq.get("path"), "path", MAX_PATH);
        List<Object> path = new ArrayList<>();
        for (Object e : p) {
          if (e instanceof Number n) {
            long l = n.longValue();
            if (l < 0 || l > Integer.MAX_VALUE || n.doubleValue() != l) {
              throw new IllegalArgumentException("path index must be a non-negative integer");
            }
            path.add((int) l);
          } else if (e == null || e instanceof String) {
            path.add(e);
          } else {
            throw new IllegalArgumentException("path elements are strings, integers or null");
          }
        }
        List<Object> values = new ArrayList<>();
        if (cq.get("values") != null) {
          for (Object v : array(cq.get("values"), "values", MAX_OPTIONS)) {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
              throw new IllegalArgumentException("values are strings, numbers or booleans");
            }
            values.add(v);
          }
        }
        claims.add(new ClaimsQuery(cid, new ClaimPath(path), values));
      }
    }
    List<List<String>> claimSets = new ArrayList<>();
    if (c.containsKey("claim_sets")) {
      for (Object s : array(c.get("claim_sets"), "claim_sets", MAX_OPTIONS)) {
        claimSets.add(strings(s, "claim_sets[]", MAX_CLAIMS));
      }
    }
    return new CredentialQuery(id, format, multiple, vcts, claims, claimSets, binding);
  }

  /** The JSON object form. */
  public Map<String, Object> toJson() {
    List<Object> creds = new ArrayList<>();
    for (CredentialQuery c : credentials) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("format", c.format());
      if (c.multiple()) {
        m.put("multiple", true);
      }
      m.put("meta", Map.of("vct_values", c.vctValues()));
      if (!c.claims().isEmpty()) {
        List<Object> claims = new ArrayList<>();
        for (ClaimsQuery q : c.claims()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          if (q.id() != null) {
            cm.put("id", q.id());
          }
          cm.put("path", new ArrayList<>(q.path().elements()));
          if (!q.values().isEmpty()) {
            cm.put("values", q.values());
          }
          claims.add(cm);
        }
        m.put("claims", claims);
      }
      if (!c.claimSets().isEmpty()) {
        m.put("claim_sets", c.claimSets());
      }
      if (!c.requireHolderBinding()) {
        m.put("require_cryptographic_holder_binding", false);
      }
      creds.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credentials", creds);
    if (!credentialSets.isEmpty()) {
      List<Object> sets = new ArrayList<>();
      for (CredentialSetQuery s : credentialSets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("options", s.options());
        if (!s.required()) {
          m.put("required", false);
        }
        sets.add(m);
      }
      out.put("credential_sets", sets);
    }
    return out;
  }

  /** A query for one SD-JWT VC of type {@code vct} disclosing the top-level {@code claims}. */
  public static DcqlQuery single(String id, String vct, String... claims) {
    List<ClaimsQuery> q = new ArrayList<>();
    for (String c : claims) {
      q.add(ClaimsQuery.of(c));
    }
    return new DcqlQuery(
        List.of(new CredentialQuery(id, SD_JWT_VC, false, List.of(vct), q, List.of(), true)),
        List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> object(Object o, String name) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(name + " must be an object");
    }
    return (Map<String, ?>) m;
  }

  private static List<?> array(Object o, String name, int max) {
    if (!(o instanceof List<?> l) || l.isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty array");
    }
    if (l.size() > max) {
      throw new IllegalArgumentException(name + " has more than " + max + " elements");
    }
    return l;
  }

  private static List<String> strings(Object o, String name, int max) {
    List<String> out = new ArrayList<>();
    for (Object e : array(o, name, max)) {
      out.add(string(e, name));
    }
    return out;
  }

  private static String string(Object o, String name) {
    if (!(o instanceof String s) || s.isEmpty() || s.length() > 2048) {
      throw new IllegalArgumentException(name + " must be a non-empty string");
    }
    return s;
  }

  private static boolean bool(Object o, String name, boolean dflt) {
    if (o == null) {
      return dflt;
    }
    if (!(o instanceof Boolean b)) {
      throw new IllegalArgumentException(name + " must be a boolean");
    }
    return b;
  }
}
