package ca.idnum.sdk.dcql;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One credential query (OpenID4VP 1.0 §6.1) for the {@code dc+sd-jwt} format (Annex B.3.5): {@code
 * id}, {@code format}, {@code multiple}, {@code meta.vct_values}, {@code claims}, {@code
 * claim_sets} and {@code require_cryptographic_holder_binding}.
 *
 * @param id the credential query id (alphanumeric, {@code _}, {@code -})
 * @param format the credential format identifier
 * @param multiple whether several credentials may answer it
 * @param vctValues accepted {@code vct} values (empty: any)
 * @param claims the requested claims; empty means no selectively disclosable claim is requested
 * @param claimSets alternative sets of claim ids, preferred first (empty: all {@code claims})
 * @param requireHolderBinding whether the presentation must prove possession of the holder key
 */
public record CredentialQuery(
    String id,
    String format,
    boolean multiple,
    List<String> vctValues,
    List<ClaimsQuery> claims,
    List<List<String>> claimSets,
    boolean requireHolderBinding) {

  /** Validates the ids and the references of {@code claim_sets}. */
  public CredentialQuery {
    if (id == null || !DcqlQuery.ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "credential id must be non-empty alphanumeric, '_' or '-'");
    }
    Objects.requireNonNull(format, "format");
    vctValues = List.copyOf(vctValues == null ? List.of() : vctValues);
    claims = List.copyOf(claims == null ? List.of() : claims);
    claimSets =
        (claimSets == null ? List.<List<String>>of() : claimSets)
            .stream().map(List::copyOf).toList();
    Set<String> ids = new HashSet<>();
    for (ClaimsQuery c : claims) {
      if (c.id() != null && !ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate claim id " + c.id());
      }
    }
    if (!claimSets.isEmpty()) {
      if (claims.isEmpty()) {
        throw new IllegalArgumentException("claim_sets without claims");
      }
      for (ClaimsQuery c : claims) {
        if (c.id() == null) {
          throw new IllegalArgumentException("claims need ids when claim_sets is present");
        }
      }
      for (List<String> set : claimSets) {
        if (set.isEmpty()) {
          throw new IllegalArgumentException("an empty claim set");
        }
        for (String ref : set) {
          if (!ids.contains(ref)) {
            throw new IllegalArgumentException("claim_sets names an unknown claim id");
          }
        }
      }
    }
  }

  /** The claims query with this id. */
  public ClaimsQuery claim(String claimId) {
    return claims.stream().filter(c -> claimId.equals(c.id())).findFirst().orElseThrow();
  }

  /** The alternatives: each a list of claims queries, preferred first. */
  public List<List<ClaimsQuery>> alternatives() {
    if (claimSets.isEmpty()) {
      return List.of(claims);
    }
    return claimSets.stream().map(set -> set.stream().map(this::claim).toList()).toList();
  }
}
