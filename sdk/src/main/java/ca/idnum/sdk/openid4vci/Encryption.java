package ca.idnum.sdk.openid4vci;

import ca.idnum.sdk.json.JsonObjects;
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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypted Credential Requests and Responses (OpenID4VCI 1.0 §10), wallet side: the request is a
 * JWE (ECDH-ES, {@code kid} of the issuer's key from {@code credential_request_encryption}) and
 * asks for the response to be encrypted to a fresh ephemeral key made for this request only.
 */
public enum Encryption {
  /** Encrypt when the issuer's metadata offers it (the default). */
  AUTO,
  /** Always encrypt; fail when the issuer does not offer encryption. */
  REQUIRED,
  /** Never encrypt (plain JSON), even if the issuer requires it. */
  OFF;

  /** The preference order of content encryption methods. */
  private static final List<EncryptionMethod> ENCS =
      List.of(EncryptionMethod.A256GCM, EncryptionMethod.A128GCM);

  /**
   * How to encrypt one request to {@code issuer}, or empty when it goes as plain JSON.
   *
   * @throws OpenId4VciException when {@link #REQUIRED} and the issuer offers no usable encryption
   */
  Optional<Plan> plan(IssuerMetadata issuer) throws OpenId4VciException {
    if (this == OFF) {
      return Optional.empty();
    }
    Optional<Plan> plan = offered(issuer.raw());
    if (plan.isEmpty() && this == REQUIRED) {
      throw new OpenId4VciException(
          0, "encryption_unsupported", "the issuer offers no usable request encryption", null);
    }
    return plan;
  }

  private static Optional<Plan> offered(Map<String, Object> metadata) {
    if (!(metadata.get("credential_request_encryption") instanceof Map<?, ?> req)
        || !(req.get("jwks") instanceof Map<?, ?> jwks)) {
      return Optional.empty();
    }
    ECKey issuerKey = null;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> jm = (Map<String, Object>) jwks;
      for (JWK k : JWKSet.parse(jm).getKeys()) {
        if (k instanceof ECKey ec
            && Curve.P_256.equals(ec.getCurve())
            && ec.getKeyID() != null
            && !ec.isPrivate()
            && ec.getAlgorithm() != null
            && JWEAlgorithm.ECDH_ES.getName().equals(ec.getAlgorithm().getName())) {
          issuerKey = ec;
          break;
        }
      }
    } catch (ParseException | ClassCastException e) {
      return Optional.empty();
    }
    EncryptionMethod requestEnc = choose(req.get("enc_values_supported"));
    if (issuerKey == null || requestEnc == null) {
      return Optional.empty();
    }
    EncryptionMethod responseEnc = null;
    if (metadata.get("credential_response_encryption") instanceof Map<?, ?> resp
        && resp.get("alg_values_supported") instanceof List<?> algs
        && algs.contains(JWEAlgorithm.ECDH_ES.getName())) {
      responseEnc = choose(resp.get("enc_values_supported"));
    }
    return Optional.of(new Plan(issuerKey, requestEnc, responseEnc));
  }

  private static EncryptionMethod choose(Object supported) {
    if (!(supported instanceof List<?> list)) {
      return null;
    }
    for (EncryptionMethod m : ENCS) {
      if (list.contains(m.getName())) {
        return m;
      }
    }
    return null;
  }

  /**
   * The encryption of one request.
   *
   * @param issuerKey the issuer's request encryption key
   * @param requestEnc the request's content encryption
   * @param responseEnc the response's content encryption, or {@code null} when the issuer does not
   *     encrypt responses
   */
  record Plan(ECKey issuerKey, EncryptionMethod requestEnc, EncryptionMethod responseEnc) {

    /** Encrypts {@code body}, adding {@code credential_response_encryption} with a fresh key. */
    Sealed seal(Map<String, Object> body) {
      try {
        Map<String, Object> json = new LinkedHashMap<>(body);
        ECKey responseKey = null;
        if (responseEnc != null) {
          responseKey =
              new ECKeyGenerator(Curve.P_256)
                  .keyUse(KeyUse.ENCRYPTION)
                  .algorithm(JWEAlgorithm.ECDH_ES)
                  .keyIDFromThumbprint(true)
                  .generate();
          json.put(
              "credential_response_encryption",
              Map.of(
                  "jwk", responseKey.toPublicJWK().toJSONObject(), "enc", responseEnc.getName()));
        }
        JWEObject jwe =
            new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, requestEnc)
                    .keyID(issuerKey.getKeyID())
                    .build(),
                new Payload(JSONObjectUtils.toJSONString(json)));
        jwe.encrypt(new ECDHEncrypter(issuerKey));
        return new Sealed(jwe.serialize(), responseKey, responseEnc);
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot encrypt the credential request", e);
      }
    }
  }

  /**
   * An encrypted request and what opens its response.
   *
   * @param jwe the compact JWE to send as {@code application/jwt}
   * @param responseKey the ephemeral private key the response is encrypted to, or {@code null}
   * @param responseEnc the expected response content encryption, or {@code null}
   */
  record Sealed(String jwe, ECKey responseKey, EncryptionMethod responseEnc) {

    /** Decrypts an encrypted response (checking its header) into its JSON object. */
    Map<String, Object> open(String body) throws OpenId4VciException {
      if (responseKey == null) {
        throw invalid("the response is encrypted but no encryption was asked for");
      }
      try {
        JWEObject jwe = JWEObject.parse(body.strip());
        JWEHeader h = jwe.getHeader();
        if (!JWEAlgorithm.ECDH_ES.equals(h.getAlgorithm())
            || !responseEnc.equals(h.getEncryptionMethod())
            || h.getCompressionAlgorithm() != null
            || (h.getKeyID() != null && !h.getKeyID().equals(responseKey.getKeyID()))) {
          throw invalid("the encrypted response does not use the parameters asked for");
        }
        jwe.decrypt(new ECDHDecrypter(responseKey));
        return JsonObjects.parse(jwe.getPayload().toString());
      } catch (ParseException | JOSEException | IllegalStateException e) {
        throw invalid("the encrypted response cannot be decrypted");
      }
    }

    private static OpenId4VciException invalid(String description) {
      return new OpenId4VciException(0, "invalid_response", description, null);
    }
  }
}
