package ca.idnum.wallet.issuance;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Encrypted Credential Requests and Responses (OpenID4VCI 1.0 §10): requests arrive as a JWE
 * ({@code application/jwt}) to the issuer's ECDH-ES P-256 key named by {@code kid}; responses are
 * encrypted to the wallet's {@code credential_response_encryption.jwk} (§8.2). Only ECDH-ES with
 * A128GCM or A256GCM, no compression; anything else is {@code invalid_encryption_parameters}.
 */
@Component
public final class CredentialEncryption {

  /** The content type of an encrypted request or response. */
  public static final String APPLICATION_JWT = "application/jwt";

  /** The largest encrypted request accepted (a batch of proofs fits easily). */
  static final int MAX_JWE = 256 * 1024;

  private static final List<String> ALGS = List.of(JWEAlgorithm.ECDH_ES.getName());
  private static final List<String> ENCS =
      List.of(EncryptionMethod.A128GCM.getName(), EncryptionMethod.A256GCM.getName());
  private static final Set<String> REQUEST_KEYS = Set.of("jwk", "enc", "zip");

  private final IssuerDirectory issuers;

  public CredentialEncryption(IssuerDirectory issuers) {
    this.issuers = issuers;
  }

  /** {@code credential_request_encryption} of the Credential Issuer metadata (§12.2.4). */
  public Map<String, Object> requestEncryptionMetadata(Issuer issuer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "jwks",
        Map.of("keys", List.of(issuers.encryptionKey(issuer).toPublicJWK().toJSONObject())));
    m.put("enc_values_supported", ENCS);
    m.put("encryption_required", issuer.encryptionRequired());
    return m;
  }

  /** {@code credential_response_encryption} of the Credential Issuer metadata (§12.2.4). */
  public Map<String, Object> responseEncryptionMetadata(Issuer issuer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alg_values_supported", ALGS);
    m.put("enc_values_supported", ENCS);
    m.put("encryption_required", issuer.encryptionRequired());
    return m;
  }

  /**
   * A credential or deferred credential request body as JSON, decrypted when it came encrypted,
   * with the response encryption it asks for; enforces the issuer's {@code encryption_required}.
   *
   * @param contentType the request's content type ({@code application/json} or {@code
   *     application/jwt})
   */
  public Request read(Issuer issuer, String contentType, String body) {
    boolean encrypted = APPLICATION_JWT.equalsIgnoreCase(baseType(contentType));
    Map<String, Object> json;
    if (encrypted) {
      json = decrypt(issuer, body == null ? "" : body);
    } else if ("application/json".equalsIgnoreCase(baseType(contentType))) {
      if (issuer.encryptionRequired()) {
        throw invalidParameters(
            "this issuer requires encrypted credential requests (application/jwt)");
      }
      json = parse(body == null ? "" : body);
    } else {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest(
              "the request body is JSON (application/json) or a JWE (application/jwt)"));
    }
    Optional<ResponseEncryption> response = Optional.empty();
    if (json.containsKey("credential_response_encryption")) {
      if (!encrypted) {
        throw invalidParameters(
            "a request asking for an encrypted response must itself be encrypted");
      }
      response = Optional.of(responseEncryption(json.get("credential_response_encryption")));
      json = new LinkedHashMap<>(json);
      json.remove("credential_response_encryption");
    } else if (issuer.encryptionRequired()) {
      throw invalidParameters(
          "this issuer requires encrypted credential responses: send credential_response_encryption");
    }
    return new Request(json, response);
  }

  /** The response body encrypted to the wallet's key: a compact JWE. */
  public String encrypt(Map<String, Object> response, ResponseEncryption to) {
    JWEHeader.Builder header =
        new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, to.enc()).contentType("json");
    if (to.jwk().getKeyID() != null) {
      header.keyID(to.jwk().getKeyID());
    }
    JWEObject jwe =
        new JWEObject(header.build(), new Payload(JSONObjectUtils.toJSONString(response)));
    try {
      jwe.encrypt(new ECDHEncrypter(to.jwk()));
    } catch (JOSEException e) {
      throw invalidParameters("the credential_response_encryption key cannot be used");
    }
    return jwe.serialize();
  }

  private Map<String, Object> decrypt(Issuer issuer, String body) {
    if (body.length() > MAX_JWE) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("the encrypted request is too large"));
    }
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(body.strip());
    } catch (ParseException e) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("the request body is not a compact JWE"));
    }
    JWEHeader h = jwe.getHeader();
    if (!JWEAlgorithm.ECDH_ES.equals(h.getAlgorithm())) {
      throw invalidParameters("the request must be encrypted with ECDH-ES");
    }
    if (!ENCS.contains(h.getEncryptionMethod().getName())) {
      throw invalidParameters("enc must be one of " + String.join(", ", ENCS));
    }
    if (h.getCompressionAlgorithm() != null) {
      throw invalidParameters("compressed requests are not supported");
    }
    ECKey key = issuers.encryptionKey(issuer);
    if (h.getKeyID() == null || !h.getKeyID().equals(key.getKeyID())) {
      throw invalidParameters("kid must name this issuer's request encryption key");
    }
    try {
      ECDHDecrypter decrypter = new ECDHDecrypter(key);
      jwe.decrypt(decrypter);
    } catch (JOSEException | IllegalStateException e) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("the encrypted request cannot be decrypted"));
    }
    return parse(jwe.getPayload().toString());
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JsonObjects.parse(json, MAX_JWE);
    } catch (ParseException e) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("the request body is not a JSON object"));
    }
  }

  private static ResponseEncryption responseEncryption(Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw invalidParameters("credential_response_encryption is an object");
    }
    for (Object k : m.keySet()) {
      if (!REQUEST_KEYS.contains(k)) {
        throw invalidParameters("credential_response_encryption has an unknown member");
      }
    }
    if (m.get("zip") != null) {
      throw invalidParameters("compressed responses are not supported");
    }
    if (!(m.get("enc") instanceof String enc) || !ENCS.contains(enc)) {
      throw invalidParameters("enc must be one of " + String.join(", ", ENCS));
    }
    if (!(m.get("jwk") instanceof Map<?, ?> jwkJson)) {
      throw invalidParameters("credential_response_encryption.jwk is required");
    }
    JWK jwk;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jm = (Map<String, Object>) jwkJson;
      jwk = JWK.parse(jm);
    } catch (ParseException | ClassCastException e) {
      throw invalidParameters("credential_response_encryption.jwk is not a JWK");
    }
    if (jwk.isPrivate()) {
      throw invalidParameters("credential_response_encryption.jwk must be a public key");
    }
    if (jwk.getAlgorithm() == null) {
      throw invalidParameters("credential_response_encryption.jwk must have alg");
    }
    if (!JWEAlgorithm.ECDH_ES.getName().equals(jwk.getAlgorithm().getName())) {
      throw invalidParameters("the response key's alg must be one of " + String.join(", ", ALGS));
    }
    if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
      throw invalidParameters("the response key must be an EC P-256 key");
    }
    return new ResponseEncryption(ec, EncryptionMethod.parse(enc));
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
  }

  private static IssuanceException invalidParameters(String description) {
    return new IssuanceException(new IssuanceError.InvalidEncryptionParameters(description));
  }

  /**
   * A credential request, decrypted.
   *
   * @param json the request without {@code credential_response_encryption}
   * @param responseEncryption how to encrypt the response, when asked
   */
  public record Request(
      Map<String, Object> json, Optional<ResponseEncryption> responseEncryption) {}

  /**
   * The wallet's response encryption parameters (§8.2).
   *
   * @param jwk its public EC P-256 key, {@code alg} ECDH-ES
   * @param enc the content encryption
   */
  public record ResponseEncryption(ECKey jwk, EncryptionMethod enc) {}
}
