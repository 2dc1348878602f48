package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.InputError;
import ca.idnum.auth.citizen.account.EmailAddress;
import java.util.List;

/** Outcome of submitting the registration form. */
public sealed interface RegistrationResult {

  /**
   * The form was valid: a code was sent to the address, or, when the address already has an
   * account, a notice was sent instead. The two cases are indistinguishable to the submitter.
   */
  record CodeSent(EmailAddress email) implements RegistrationResult {}

  /** The form had errors; nothing was stored or sent. */
  record Rejected(List<InputError> errors) implements RegistrationResult {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
