package ca.idnum.auth.organisation;

import java.time.Instant;
import java.util.Objects;

/** An organisation account. */
public record Organisation(String id, Neq neq, String name, Instant createdAt) {

  public static final int MAX_NAME = 200;

  public Organisation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(neq, "neq");
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("name: 1 to " + MAX_NAME + " characters");
    }
  }
}
