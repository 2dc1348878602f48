package ca.idnum.wallet.statuslist;

import ca.idnum.sdk.statuslist.TokenStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the issuer keeps about an issued credential: metadata only, never claims, salts or
 * disclosures.
 *
 * @param id the record id (used by the admin API)
 * @param issuer the issuing body
 * @param credentialConfigurationId the credential type
 * @param vct the {@code vct}
 * @param holderJkt the JWK thumbprint of the holder key it is bound to
 * @param statusListId the status list
 * @param statusIdx the index in the status list
 * @param status the current status
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @param walletEvent the last event the wallet notified, or {@code null}
 */
public record IssuedCredential(
    UUID id,
    String issuer,
    String credentialConfigurationId,
    String vct,
    String holderJkt,
    int statusListId,
    int statusIdx,
    TokenStatus status,
    Instant issuedAt,
    Instant expiresAt,
    String walletEvent) {

  /** Validates. */
  public IssuedCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(credentialConfigurationId, "credentialConfigurationId");
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(holderJkt, "holderJkt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (statusIdx < 0) {
      throw new IllegalArgumentException("statusIdx must not be negative");
    }
  }
}
