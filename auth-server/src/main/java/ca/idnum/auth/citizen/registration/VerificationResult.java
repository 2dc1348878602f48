package ca.idnum.auth.citizen.registration;

import ca.idnum.auth.citizen.CitizenId;

/** Outcome of entering a registration code. */
public sealed interface VerificationResult {

  /** The account now exists, with a verified address. */
  record Verified(CitizenId id) implements VerificationResult {}

  /**
   * The address already had an account when the code was entered (registered meanwhile); nothing
   * was changed. Only someone holding a valid code sent to the address can get this answer.
   */
  record AlreadyRegistered() implements VerificationResult {}

  /** Wrong, expired or used-up code, or no registration for that address (not distinguished). */
  record InvalidCode() implements VerificationResult {}
}
