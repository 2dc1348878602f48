package ca.idnum.auth.assurance;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.mfa.Passkeys;
import ca.idnum.auth.citizen.mfa.TotpAuthenticators;
import ca.idnum.auth.citizen.proofing.IdentityProofingStatus;
import ca.idnum.auth.oidc.token.AuthenticationContext;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import org.springframework.security.core.Authentication;

/**
 * The level of assurance of a session, and the levels a citizen could reach:
 *
 * <ul>
 *   <li>level 1: any login (self-asserted identity, one factor);
 *   <li>level 2: identity verified ({@link IdentityProofingStatus}) and two factors;
 *   <li>level 3: identity verified and a passkey (phishing-resistant, with user verification).
 * </ul>
 */
public final class AssuranceLevels {

  private final IdentityProofingStatus proofing;
  private final TotpAuthenticators totp;
  private final Passkeys passkeys;

  public AssuranceLevels(
      IdentityProofingStatus proofing, TotpAuthenticators totp, Passkeys passkeys) {
    this.proofing = proofing;
    this.totp = totp;
    this.passkeys = passkeys;
  }

  /** The level the session's factors and the citizen's verified identity reach. */
  public LevelOfAssurance achieved(Authentication authentication) {
    LevelOfAssurance byFactors = AuthenticationContext.of(authentication).factorLevel();
    if (byFactors == LevelOfAssurance.LOA1) {
      return byFactors;
    }
    return verified(authentication) ? byFactors : LevelOfAssurance.LOA1;
  }

  /** Whether the citizen can reach {@code level} at all (identity verified, authenticator). */
  public boolean reachable(CitizenId citizen, LevelOfAssurance level) {
    return switch (level) {
      case LOA1 -> true;
      case LOA2 ->
          proofing.identityVerified(citizen) && (totp.enrolled(citizen) || passkeys.any(citizen));
      case LOA3 -> proofing.identityVerified(citizen) && passkeys.any(citizen);
    };
  }

  private boolean verified(Authentication authentication) {
    try {
      return proofing.identityVerified(CitizenId.parse(authentication.getName()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
