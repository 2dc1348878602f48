package ca.idnum.auth.citizen.reset;

import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.account.EmailAddress;
import java.util.List;

/** Outcome of asking for a password reset code. */
public sealed interface ResetRequestResult {

  /**
   * The address was well-formed. A code was sent if it has an account (and has not asked for too
   * many codes lately); the answer is the same either way.
   */
  record Accepted(EmailAddress email) implements ResetRequestResult {}

  /** Not an email address; nothing was looked up. */
  record Rejected(List<InputError> errors) implements ResetRequestResult {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
