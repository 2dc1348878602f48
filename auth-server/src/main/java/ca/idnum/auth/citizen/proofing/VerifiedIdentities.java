package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import java.util.Optional;

/** Stored verified identities (at most one per citizen, one citizen per document number). */
public interface VerifiedIdentities extends IdentityProofingStatus {

  Optional<VerifiedIdentity> find(CitizenId citizen);

  /**
   * Stores the verification and makes the account's names and birth date the verified ones, in one
   * transaction.
   *
   * @return {@link SaveResult#SAVED}, {@link SaveResult#ALREADY_VERIFIED} (this citizen already
   *     is), or {@link SaveResult#DOCUMENT_IN_USE} (another account holds this identity)
   */
  SaveResult save(VerifiedIdentity identity);

  /** The outcome of {@link #save}. */
  enum SaveResult {
    SAVED,
    ALREADY_VERIFIED,
    DOCUMENT_IN_USE
  }

  @Override
  default boolean identityVerified(CitizenId citizen) {
    return find(citizen).isPresent();
  }
}
