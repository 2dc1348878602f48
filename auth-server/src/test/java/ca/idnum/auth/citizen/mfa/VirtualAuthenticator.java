package ca.idnum.auth.citizen.mfa;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software WebAuthn authenticator for tests (a platform authenticator with user verification, no
 * attestation): it answers the options a relying party sends with real CBOR authenticator data and
 * real ES256 signatures, as a browser's {@code navigator.credentials} would, serialized as
 * RegistrationResponseJSON / AuthenticationResponseJSON.
 */
public final class VirtualAuthenticator {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final ObjectConverter objects = new ObjectConverter();
  private final String origin;
  private final KeyPair keys;
  private final byte[] credentialId = new byte[32];
  private long counter;
  private byte[] userHandle;

  public VirtualAuthenticator(String origin) {
    this.origin = origin;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.keys = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(credentialId);
  }

  public String credentialId() {
    return B64.encodeToString(credentialId);
  }

  /** {@code navigator.credentials.create(options)}, serialized. */
  @SuppressWarnings("unchecked")
  public String create(String optionsJson) throws Exception {
    Map<String, Object> options = JSONObjectUtils.parse(optionsJson);
    String rpId = (String) ((Map<String, Object>) options.get("rp")).get("id");
    userHandle = B64D.decode((String) ((Map<String, Object>) options.get("user")).get("id"));
    String clientData = clientData("webauthn.create", (String) options.get("challenge"));
    AttestedCredentialData credential =
        new AttestedCredentialData(
            AAGUID.ZERO,
            credentialId,
            EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
    AuthenticatorData<
            com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>
        data =
            new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte)
                    (AuthenticatorData.BIT_UP
                        | AuthenticatorData.BIT_UV
                        | AuthenticatorData.BIT_AT),
                counter,
                credential);
    byte[] attestation =
        new AttestationObjectConverter(objects)
            .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("clientDataJSON", B64.encodeToString(clientData.getBytes(StandardCharsets.UTF_8)));
    response.put("attestationObject", B64.encodeToString(attestation));
    response.put("transports", List.of("internal"));
    return credential(response);
  }

  /** {@code navigator.credentials.get(options)}, serialized. */
  public String get(String optionsJson) throws Exception {
    Map<String, Object> options = JSONObjectUtils.parse(optionsJson);
    String rpId = (String) options.get("rpId");
    String clientData = clientData("webauthn.get", (String) options.get("challenge"));
    counter++;
    byte[] authenticatorData =
        new AuthenticatorDataConverter(objects)
            .convert(
                new AuthenticatorData<>(
                    sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                    (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV),
                    counter));
    byte[] clientDataBytes = clientData.getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(
        ByteBuffer.allocate(authenticatorData.length + 32)
            .put(authenticatorData)
            .put(sha256(clientDataBytes))
            .array());
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("clientDataJSON", B64.encodeToString(clientDataBytes));
    response.put("authenticatorData", B64.encodeToString(authenticatorData));
    response.put("signature", B64.encodeToString(signer.sign()));
    if (userHandle != null) {
      response.put("userHandle", B64.encodeToString(userHandle));
    }
    return credential(response);
  }

  private String credential(Map<String, Object> response) {
    Map<String, Object> credential = new LinkedHashMap<>();
    credential.put("id", credentialId());
    credential.put("rawId", credentialId());
    credential.put("type", "public-key");
    credential.put("response", response);
    credential.put("clientExtensionResults", Map.of());
    credential.put("authenticatorAttachment", "platform");
    return JSONObjectUtils.toJSONString(credential);
  }

  private String clientData(String type, String challenge) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", type);
    data.put("challenge", challenge);
    data.put("origin", origin);
    data.put("crossOrigin", false);
    return JSONObjectUtils.toJSONString(data);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
