package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered passkey (WebAuthn credential).
 *
 * @param credentialId the credential id, base64url
 * @param attestedData webauthn4j's serialization of the attested credential data (AAGUID,
 *     credential id, COSE public key), base64url
 * @param signCount the last signature counter seen (0 for authenticators that keep none)
 * @param synced whether the authenticator said the credential is backed up / synced between devices
 */
public record Passkey(
    String credentialId,
    CitizenId citizen,
    String label,
    String attestedData,
    long signCount,
    boolean synced,
    Instant createdAt,
    Optional<Instant> lastUsedAt) {

  public Passkey {
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(citizen, "citizen");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(attestedData, "attestedData");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }
}
