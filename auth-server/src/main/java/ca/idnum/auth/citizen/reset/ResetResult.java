package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.InputError;
import java.util.List;

/** Outcome of choosing a new password with a reset code. */
public sealed interface ResetResult {

  /** The password was changed; every outstanding code of the account is void. */
  record Done() implements ResetResult {}

  /**
   * The new password breaks the policy (checked before the code, so no attempt is spent), or the
   * code is wrong, expired or used up, or there is no account for the address (not distinguished).
   */
  record Rejected(List<InputError> errors) implements ResetResult {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
