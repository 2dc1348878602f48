package ca.idnum.wallet.credentialtype;

import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.sdk.sdjwt.DisclosurePolicy;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A credential type, read from configuration: its OpenID4VCI credential configuration id, the
 * SD-JWT VC type metadata served at its {@code vct} URL (display names, claim labels, {@code sd}),
 * the validity of issued credentials and the OAuth scope that requests it.
 *
 * @param id the credential configuration id (also the last segment of the {@code vct} URL)
 * @param scope the OAuth scope for the authorization code flow
 * @param validity how long an issued credential is valid
 * @param typeMetadata the SD-JWT VC type metadata, without {@code vct} (added when served)
 * @param claims the declared claims, in order
 */
public record CredentialType(
    String id,
    String scope,
    Period validity,
    Map<String, Object> typeMetadata,
    List<Claim> claims) {

  private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");

  /** Validates. */
  public CredentialType {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("credential type id must be [a-z0-9_]{1,64}: " + id);
    }
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(validity, "validity");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException(id + ": validity must be positive");
    }
    typeMetadata = Map.copyOf(typeMetadata);
    claims = List.copyOf(claims);
    if (claims.isEmpty()) {
      throw new IllegalArgumentException(id + ": a credential type declares its claims");
    }
  }

  /** The selectively disclosable claims: those whose metadata says {@code sd: always}. */
  public DisclosurePolicy disclosurePolicy(Map<String, Object> issuedClaims) {
    DisclosurePolicy.Builder b = DisclosurePolicy.builder();
    for (Claim c : claims) {
      if (c.sd() == Sd.ALWAYS && c.path().existsIn(issuedClaims)) {
        b.disclosable(c.path());
      }
    }
    return b.build();
  }

  /**
   * Keeps only the declared claims of {@code registerClaims} (top-level names and the declared
   * members of objects), in declaration order.
   */
  public Map<String, Object> select(Map<String, Object> registerClaims) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Claim c : claims) {
      List<Object> path = c.path().elements();
      if (path.size() == 1 && registerClaims.containsKey((String) path.get(0))) {
        Object value = registerClaims.get((String) path.get(0));
        out.put((String) path.get(0), value instanceof Map<?, ?> ? new LinkedHashMap<>() : value);
      }
    }
    for (Claim c : claims) {
      List<Object> path = c.path().elements();
      if (path.size() == 2
          && registerClaims.get((String) path.get(0)) instanceof Map<?, ?> source
          && out.get((String) path.get(0)) instanceof Map<?, ?> target
          && source.containsKey(path.get(1))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) target;
        t.put((String) path.get(1), source.get(path.get(1)));
      }
    }
    out.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
    return out;
  }

  /** Top-level claim names of the form {@code age_over_NN}. */
  public List<Integer> ageThresholds() {
    List<Integer> out = new ArrayList<>();
    for (Claim c : claims) {
      if (c.path().size() == 1
          && c.path().elements().get(0) instanceof String name
          && name.matches("age_over_[0-9]{1,3}")) {
        out.add(Integer.parseInt(name.substring("age_over_".length())));
      }
    }
    return out;
  }

  /** SD-JWT VC claim metadata {@code sd}. */
  public enum Sd {
    ALWAYS,
    ALLOWED,
    NEVER
  }

  /**
   * A declared claim.
   *
   * @param path its path (names only, at most two levels)
   * @param sd whether it is selectively disclosable
   */
  public record Claim(ClaimPath path, Sd sd) {
    /** Validates. */
    public Claim {
      Objects.requireNonNull(sd, "sd");
      if (path.size() < 1 || path.size() > 2) {
        throw new IllegalArgumentException("claim paths have one or two names: " + path);
      }
      for (Object e : path.elements()) {
        if (!(e instanceof String)) {
          throw new IllegalArgumentException("claim paths are names: " + path);
        }
      }
    }
  }
}
