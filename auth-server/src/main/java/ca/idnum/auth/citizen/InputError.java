package ca.idnum.auth.citizen;

import java.util.List;
import java.util.Objects;

/**
 * A problem with one field of a form a citizen submitted: the field's name and a message code of
 * the bundles (with its arguments). The pages list them in an error summary linked to the fields.
 */
public record InputError(String field, String code, List<Object> args) {

  public InputError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    args = List.copyOf(args);
  }

  public static InputError of(String field, String code, Object... args) {
    return new InputError(field, code, List.of(args));
  }
}
