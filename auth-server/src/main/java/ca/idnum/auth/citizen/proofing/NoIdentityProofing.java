package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import org.springframework.stereotype.Component;

/** Placeholder until identity proofing lands: nobody is verified. */
@Component
final class NoIdentityProofing implements IdentityProofingStatus {

  @Override
  public boolean identityVerified(CitizenId citizen) {
    return false;
  }
}
