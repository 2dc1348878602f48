package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;

/**
 * Whether a citizen's identity has been verified against an authoritative register (identity
 * proofing, done once). Levels of assurance 2 and 3 require a verified identity.
 */
public interface IdentityProofingStatus {

  boolean identityVerified(CitizenId citizen);
}
