package ca.idnum.auth.citizen.proofing;

import java.time.Instant;

/** What became of a proofing attempt (the closed set the page maps to its answers). */
public sealed interface ProofingOutcome {

  /** The register confirmed the identity; it is stored. */
  record Verified(VerifiedIdentity identity) implements ProofingOutcome {}

  /** The citizen was already verified: nothing asked, nothing changed ("tell us once"). */
  record AlreadyVerified(VerifiedIdentity identity) implements ProofingOutcome {}

  /** The register holds no such person; {@code attemptsLeft} before the lock. */
  record NotMatched(int attemptsLeft) implements ProofingOutcome {}

  /** Too many failed matches: proofing is locked until {@code until}. */
  record Locked(Instant until) implements ProofingOutcome {}

  /** The identity matched but another account already holds it. */
  record IdentityInUse() implements ProofingOutcome {}

  /** The register gave no usable answer (down, slow, broken): try again later; nothing stored. */
  record RegisterUnavailable() implements ProofingOutcome {}
}
