package ca.idnum.auth.citizen;

import java.util.Objects;
import java.util.UUID;

/**
 * The internal, never-published identifier of a citizen account. Relying bodies see only pairwise
 * subjects derived from it. After login, {@code Authentication.getName()} is {@link #toString()}.
 */
public record CitizenId(UUID value) {

  public CitizenId {
    Objects.requireNonNull(value, "value");
  }

  /** Parses the string form ({@link #toString()}); throws IllegalArgumentException if malformed. */
  public static CitizenId parse(String text) {
    return new CitizenId(UUID.fromString(text));
  }

  public static CitizenId random() {
    return new CitizenId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
