package ca.idnum.sdk.openid4vci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wallet side of OpenID4VCI 1.0 §10, without a network. */
class EncryptionTest {

  private final ECKey issuerKey = key("issuer-enc");

  private static ECKey key(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .algorithm(JWEAlgorithm.ECDH_ES)
          .keyUse(KeyUse.ENCRYPTION)
          .keyID(kid)
          .generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private IssuerMetadata metadata(List<String> requestEncs, boolean responses) {
    Map<String, Object> raw =
        new java.util.HashMap<>(
            Map.of(
                "credential_request_encryption",
                Map.of(
                    "jwks",
                    Map.of("keys", List.of(issuerKey.toPublicJWK().toJSONObject())),
                    "enc_values_supported",
                    requestEncs,
                    "encryption_required",
                    false)));
    if (responses) {
      raw.put(
          "credential_response_encryption",
          Map.of(
              "alg_values_supported",
              List.of("ECDH-ES"),
              "enc_values_supported",
              List.of("A128GCM"),
              "encryption_required",
              false));
    }
    return new IssuerMetadata(
        "https://issuer.example/issuers/x",
        URI.create("https://issuer.example/issuers/x/credential"),
        null,
        URI.create("https://issuer.example/issuers/x/token"),
        1,
        raw);
  }

  @Test
  void whenTheIssuerOffersEncryptionThenEachRequestAsksForItsOwnFreshResponseKey()
      throws Exception {
    Encryption.Plan plan =
        Encryption.AUTO.plan(metadata(List.of("A128GCM", "A256GCM"), true)).get();
    Encryption.Sealed first = plan.seal(Map.of("credential_configuration_id", "x"));
    Encryption.Sealed second = plan.seal(Map.of("credential_configuration_id", "x"));
    assertThat(first.responseKey().toPublicJWK()).isNotEqualTo(second.responseKey().toPublicJWK());

    JWEObject jwe = JWEObject.parse(first.jwe());
    assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);
    assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    assertThat(jwe.getHeader().getKeyID()).isEqualTo("issuer-enc");
    jwe.decrypt(new ECDHDecrypter(issuerKey));
    Map<String, Object> request = JSONObjectUtils.parse(jwe.getPayload().toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> asked = (Map<String, Object>) request.get("credential_response_encryption");
    assertThat(asked).containsEntry("enc", "A128GCM");
    @SuppressWarnings("unchecked")
    JWK responseJwk = JWK.parse((Map<String, Object>) asked.get("jwk"));
    assertThat(responseJwk.isPrivate()).isFalse();
    assertThat(responseJwk.getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);

    // the issuer's answer, encrypted to that key, opens; one with another enc does not
    JWEObject answer =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM)
                .keyID(responseJwk.getKeyID())
                .build(),
            new Payload("{\"credentials\":[]}"));
    answer.encrypt(new ECDHEncrypter(responseJwk.toECKey()));
    assertThat(first.open(answer.serialize())).containsKey("credentials");
    JWEObject wrongEnc =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).build(),
            new Payload("{}"));
    wrongEnc.encrypt(new ECDHEncrypter(responseJwk.toECKey()));
    assertThatThrownBy(() -> first.open(wrongEnc.serialize()))
        .isInstanceOf(OpenId4VciException.class);
    assertThatThrownBy(() -> second.open(answer.serialize()))
        .as("another request's key")
        .isInstanceOf(OpenId4VciException.class);
  }

  @Test
  void whenTheIssuerOffersNoUsableEncryptionThenAutoSendsJsonAndRequiredFails() throws Exception {
    IssuerMetadata none =
        new IssuerMetadata(
            "https://issuer.example/issuers/x",
            URI.create("https://issuer.example/issuers/x/credential"),
            null,
            URI.create("https://issuer.example/issuers/x/token"),
            1,
            Map.of());
    assertThat(Encryption.AUTO.plan(none)).isEmpty();
    assertThatThrownBy(() -> Encryption.REQUIRED.plan(none))
        .isInstanceOf(OpenId4VciException.class);
    assertThat(Encryption.AUTO.plan(metadata(List.of("A128CBC-HS256"), true))).isEmpty();
    assertThat(Encryption.OFF.plan(metadata(List.of("A128GCM"), true))).isEmpty();
    Encryption.Plan requestOnly = Encryption.AUTO.plan(metadata(List.of("A128GCM"), false)).get();
    assertThat(requestOnly.seal(Map.of()).responseKey()).isNull();
  }
}
