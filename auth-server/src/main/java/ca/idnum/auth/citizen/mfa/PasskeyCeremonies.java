package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * WebAuthn registration and authentication ceremonies (webauthn4j): the options the browser passes
 * to {@code navigator.credentials.create/get} (JSON, binary values base64url), and the verification
 * of the authenticator's response against the challenge kept in the citizen's session, the origin
 * and relying party id of this server, with user verification required. Attestation is not asked
 * ({@code none}): a passkey is trusted for what it proves at each login, not for its make.
 */
public final class PasskeyCeremonies {

  /** How long a ceremony may take (also the browser timeout). */
  public static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** A challenge issued to one session, kept there until the answer. */
  public record Challenge(byte[] value, Instant expiresAt) implements Serializable {}

  /** Why a ceremony failed (never shown in detail to the citizen). */
  public static final class CeremonyFailed extends Exception {
    private static final long serialVersionUID = 1L;

    CeremonyFailed(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Passkeys passkeys;
  private final Clock clock;
  private final String rpId;
  private final String rpName;
  private final Origin origin;
  private final WebAuthnManager manager;
  private final AttestedCredentialDataConverter converter;

  public PasskeyCeremonies(
      Passkeys passkeys, Clock clock, String rpId, String rpName, String origin) {
    this.passkeys = passkeys;
    this.clock = clock;
    this.rpId = rpId;
    this.rpName = rpName;
    this.origin = new Origin(origin);
    ObjectConverter objects = new ObjectConverter();
    this.manager = WebAuthnManager.createNonStrictWebAuthnManager(objects);
    this.converter = new AttestedCredentialDataConverter(objects);
  }

  public Challenge newChallenge() {
    byte[] value = new byte[32];
    RANDOM.nextBytes(value);
    return new Challenge(value, clock.instant().plus(TIMEOUT));
  }

  /** Options for {@code navigator.credentials.create} (PublicKeyCredentialCreationOptionsJSON). */
  public String registrationOptions(CitizenId citizen, String userName, Challenge challenge) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("challenge", B64.encodeToString(challenge.value()));
    options.put("rp", Map.of("id", rpId, "name", rpName));
    options.put(
        "user",
        Map.of(
            "id",
            B64.encodeToString(userHandle(citizen)),
            "name",
            userName,
            "displayName",
            userName));
    options.put(
        "pubKeyCredParams",
        List.of(
            Map.of("type", "public-key", "alg", -7),
            Map.of("type", "public-key", "alg", -8),
            Map.of("type", "public-key", "alg", -257)));
    options.put("timeout", TIMEOUT.toMillis());
    List<Object> exclude = new ArrayList<>();
    for (Passkey p : passkeys.of(citizen)) {
      exclude.add(Map.of("type", "public-key", "id", p.credentialId()));
    }
    options.put("excludeCredentials", exclude);
    options.put(
        "authenticatorSelection",
        Map.of("residentKey", "preferred", "userVerification", "required"));
    options.put("attestation", "none");
    return JSONObjectUtils.toJSONString(options);
  }

  /** Verifies a registration response (RegistrationResponseJSON) and stores the passkey. */
  public Passkey register(CitizenId citizen, String label, String responseJson, Challenge challenge)
      throws CeremonyFailed {
    live(challenge);
    try {
      RegistrationData data = manager.parseRegistrationResponseJSON(responseJson);
      RegistrationParameters parameters =
          new RegistrationParameters(
              server(challenge),
              List.of(
                  new PublicKeyCredentialParameters(
                      PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
                  new PublicKeyCredentialParameters(
                      PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
                  new PublicKeyCredentialParameters(
                      PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256)),
              true,
              true);
      manager.verify(data, parameters);
      AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
      AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
      String credentialId = B64.encodeToString(credential.getCredentialId());
      if (passkeys.find(credentialId).isPresent()) {
        throw new CeremonyFailed("credential already registered");
      }
      Passkey passkey =
          new Passkey(
              credentialId,
              citizen,
              label,
              B64.encodeToString(converter.convert(credential)),
              authenticatorData.getSignCount(),
              authenticatorData.isFlagBE(),
              clock.instant(),
              Optional.empty());
      passkeys.add(passkey);
      return passkey;
    } catch (CeremonyFailed e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CeremonyFailed("registration refused: " + e.getClass().getSimpleName());
    }
  }

  /** Options for {@code navigator.credentials.get} (PublicKeyCredentialRequestOptionsJSON). */
  public String authenticationOptions(CitizenId citizen, Challenge challenge) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("challenge", B64.encodeToString(challenge.value()));
    options.put("rpId", rpId);
    options.put("timeout", TIMEOUT.toMillis());
    List<Object> allow = new ArrayList<>();
    for (Passkey p : passkeys.of(citizen)) {
      allow.add(Map.of("type", "public-key", "id", p.credentialId()));
    }
    options.put("allowCredentials", allow);
    options.put("userVerification", "required");
    return JSONObjectUtils.toJSONString(options);
  }

  /**
   * Verifies an authentication response (AuthenticationResponseJSON) by one of the citizen's
   * passkeys; returns it, with its counter updated.
   */
  public Passkey authenticate(CitizenId citizen, String responseJson, Challenge challenge)
      throws CeremonyFailed {
    live(challenge);
    try {
      AuthenticationData data = manager.parseAuthenticationResponseJSON(responseJson);
      String credentialId = B64.encodeToString(data.getCredentialId());
      Passkey passkey =
          passkeys
              .find(credentialId)
              .filter(p -> p.citizen().equals(citizen))
              .orElseThrow(() -> new CeremonyFailed("unknown credential"));
      AttestedCredentialData credential = converter.convert(B64D.decode(passkey.attestedData()));
      CredentialRecordImpl record =
          new CredentialRecordImpl(
              new NoneAttestationStatement(),
              null,
              null,
              null,
              passkey.signCount(),
              credential,
              null,
              null,
              null,
              null);
      AuthenticationParameters parameters =
          new AuthenticationParameters(
              server(challenge), record, List.of(data.getCredentialId()), true, true);
      manager.verify(data, parameters);
      passkeys.used(credentialId, data.getAuthenticatorData().getSignCount(), clock.instant());
      return passkey;
    } catch (CeremonyFailed e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CeremonyFailed("authentication refused: " + e.getClass().getSimpleName());
    }
  }

  private void live(Challenge challenge) throws CeremonyFailed {
    if (challenge == null || clock.instant().isAfter(challenge.expiresAt())) {
      throw new CeremonyFailed("no live challenge");
    }
  }

  private ServerProperty server(Challenge challenge) {
    return new ServerProperty(Set.of(origin), rpId, new DefaultChallenge(challenge.value()));
  }

  /** The WebAuthn user handle: the citizen's internal id (16 bytes, no personal information). */
  static byte[] userHandle(CitizenId citizen) {
    UUID id = citizen.value();
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}
