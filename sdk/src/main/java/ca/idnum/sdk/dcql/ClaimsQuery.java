package ca.idnum.sdk.dcql;

import ca.idnum.sdk.sdjwt.ClaimPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One claims query of a credential query (OpenID4VP 1.0 §6.3): an optional {@code id}, the claims
 * {@code path} (non-empty) and optional expected {@code values}.
 *
 * @param id the claim query id (required when the credential query has {@code claim_sets}), or
 *     {@code null}
 * @param path the claims path pointer
 * @param values accepted values (strings, integers, booleans), empty for any value
 */
public record ClaimsQuery(String id, ClaimPath path, List<Object> values) {
  /** Validates. */
  public ClaimsQuery {
    if (id != null && !DcqlQuery.ID.matcher(id).matches()) {
      throw new IllegalArgumentException("claim id must be alphanumeric, '_' or '-'");
    }
    Objects.requireNonNull(path, "path");
    if (path.size() == 0) {
      throw new IllegalArgumentException("path must not be empty");
    }
    values = Collections.unmodifiableList(new ArrayList<>(values == null ? List.of() : values));
  }

  /** A claims query for {@code path} without id or values. */
  public static ClaimsQuery of(Object... path) {
    return new ClaimsQuery(null, ClaimPath.of(path), List.of());
  }
}
