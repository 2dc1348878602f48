package ca.idnum.auth.citizen;

import java.util.Optional;

/**
 * Read access to citizen accounts for the OpenID Provider (ID token and userinfo claims). The
 * accounts feature implements it; the OIDC feature only reads through it.
 */
public interface CitizenDirectory {

  /** The citizen's releasable profile, or empty if no such (active) account exists. */
  Optional<CitizenProfile> find(CitizenId id);
}
