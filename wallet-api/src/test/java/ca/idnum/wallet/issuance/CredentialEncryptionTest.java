package ca.idnum.wallet.issuance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.CredentialResponse;
import ca.idnum.sdk.openid4vci.Encryption;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Encrypted Credential Requests and Responses (OpenID4VCI 1.0 §10) over real HTTP: the SDK wallet
 * encrypts to the issuer key of the metadata and decrypts the response; each refusal is {@code
 * invalid_encryption_parameters} (or {@code invalid_credential_request} for an undecryptable JWE)
 * in plain JSON.
 */
class CredentialEncryptionTest extends WalletApiTestBase {

  private static final String SUBJECT = "ENC-1";

  private record Session(IssuerMetadata metadata, TokenResponse token) {}

  private Session session(String body, String subject, String configuration) throws Exception {
    if (!body.equals("dec")) {
      REGISTER.stubFor(
          WireMock.get(urlEqualTo("/subjects/" + subject))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"claims\":{\"birthdate\":\"1970-01-02\"}}")));
    }
    Map<String, Object> created = createOffer(body, subject, List.of(configuration), false);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    return new Session(metadata, wallet.preAuthorizedToken(metadata, offer, null, newKey()));
  }

  private static ECKey newKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256).generate();
  }

  private static ECKey responseKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256)
        .algorithm(JWEAlgorithm.ECDH_ES)
        .keyUse(KeyUse.ENCRYPTION)
        .keyID("wallet-response-key")
        .generate();
  }

  private static ECKey issuerKey(IssuerMetadata metadata) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> req =
        (Map<String, Object>) metadata.raw().get("credential_request_encryption");
    @SuppressWarnings("unchecked")
    Map<String, Object> jwks = (Map<String, Object>) req.get("jwks");
    return (ECKey) JWKSet.parse(jwks).getKeys().get(0);
  }

  private Map<String, Object> credentialRequest(Session s, ECKey holder) throws Exception {
    String nonce = wallet.nonce(s.metadata());
    Map<String, Object> body = new HashMap<>();
    body.put("credential_configuration_id", "proof_of_age");
    body.put(
        "proofs",
        Map.of(
            "jwt",
            List.of(
                Proofs.keyProof(holder, s.metadata().credentialIssuer(), nonce, Instant.now()))));
    return body;
  }

  private static String encrypt(Map<String, Object> body, ECKey to, JWEHeader header)
      throws Exception {
    JWEObject jwe = new JWEObject(header, new Payload(JSONObjectUtils.toJSONString(body)));
    jwe.encrypt(new ECDHEncrypter(to));
    return jwe.serialize();
  }

  private static JWEHeader header(ECKey to, EncryptionMethod enc) {
    return new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, enc).keyID(to.getKeyID()).build();
  }

  private HttpResponse<String> postCredential(Session s, String contentType, String body) {
    String uri = s.metadata().credentialEndpoint().toString();
    return send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", contentType)
            .header("Authorization", "DPoP " + s.token().accessToken())
            .header(
                "DPoP",
                Proofs.dpop(
                    s.token().dpopKey(), "POST", uri, s.token().accessToken(), Instant.now()))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static void assertError(HttpResponse<String> r, String error) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(parse(r.body())).containsEntry("error", error).containsKey("error_description");
  }

  @Test
  void whenTheIssuerMetadataIsReadThenItOffersEcdhEsRequestAndResponseEncryption()
      throws Exception {
    Map<String, Object> m = parse(get("/.well-known/openid-credential-issuer/issuers/dec").body());
    @SuppressWarnings("unchecked")
    Map<String, Object> req = (Map<String, Object>) m.get("credential_request_encryption");
    assertThat(req)
        .containsEntry("enc_values_supported", List.of("A128GCM", "A256GCM"))
        .containsEntry("encryption_required", false)
        .doesNotContainKey("zip_values_supported");
    @SuppressWarnings("unchecked")
    Map<String, Object> jwks = (Map<String, Object>) req.get("jwks");
    ECKey key = (ECKey) JWKSet.parse(jwks).getKeys().get(0);
    assertThat(key.isPrivate()).isFalse();
    assertThat(key.getKeyID()).isNotBlank();
    assertThat(key.getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);
    assertThat(key.getCurve()).isEqualTo(Curve.P_256);
    @SuppressWarnings("unchecked")
    Map<String, Object> resp = (Map<String, Object>) m.get("credential_response_encryption");
    assertThat(resp)
        .containsEntry("alg_values_supported", List.of("ECDH-ES"))
        .containsEntry("enc_values_supported", List.of("A128GCM", "A256GCM"))
        .containsEntry("encryption_required", false);
    Map<String, Object> sealed =
        parse(get("/.well-known/openid-credential-issuer/issuers/sealed").body());
    assertThat(((Map<?, ?>) sealed.get("credential_request_encryption")).get("encryption_required"))
        .isEqualTo(true);
  }

  @Test
  void whenTheSdkWalletRequiresEncryptionThenItGetsAndDecryptsItsCredential() throws Exception {
    OpenId4VciClient encrypting =
        new OpenId4VciClient(Clock.systemUTC()).withEncryption(Encryption.REQUIRED);
    Session s = session("sealed", SUBJECT, "proof_of_age");
    ECKey holder = newKey();
    List<String> credentials =
        encrypting.credentials(s.metadata(), s.token(), "proof_of_age", List.of(holder));
    assertThat(credentials).hasSize(1);
    assertThat(SdJwt.parse(credentials.get(0)).issuerSignedJwt()).isNotBlank();
  }

  @Test
  void whenIssuanceIsDeferredThenThePendingAnswerAndTheDeferredCredentialAreEncryptedToo()
      throws Exception {
    OpenId4VciClient encrypting =
        new OpenId4VciClient(Clock.systemUTC()).withEncryption(Encryption.REQUIRED);
    Session s = session("sealed", "ENC-DEFERRED", "proof_of_age");
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/ENC-DEFERRED")).willReturn(aResponse().withStatus(502)));
    CredentialResponse pending =
        encrypting.requestCredentials(s.metadata(), s.token(), "proof_of_age", List.of(newKey()));
    assertThat(pending.isPending()).isTrue();
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/ENC-DEFERRED"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"claims\":{\"birthdate\":\"1970-01-02\"}}")));
    CredentialResponse issued =
        encrypting.deferredCredentials(s.metadata(), s.token(), pending.transactionId());
    assertThat(issued.credentials()).hasSize(1);
    // the sealed issuer refuses plain JSON on the deferred endpoint as well
    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet
                    .withEncryption(Encryption.OFF)
                    .deferredCredentials(s.metadata(), s.token(), pending.transactionId()));
    assertThat(e.error()).isEqualTo("invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestIsEncryptedThenTheResponseIsAJweToTheWalletsKeyWithItsKid() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey responseKey = responseKey();
    Map<String, Object> body = credentialRequest(s, newKey());
    body.put(
        "credential_response_encryption",
        Map.of("jwk", responseKey.toPublicJWK().toJSONObject(), "enc", "A128GCM"));
    ECKey issuerKey = issuerKey(s.metadata());
    HttpResponse<String> r =
        postCredential(
            s,
            "application/jwt",
            encrypt(body, issuerKey, header(issuerKey, EncryptionMethod.A256GCM)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jwt");
    JWEObject jwe = JWEObject.parse(r.body());
    assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);
    assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A128GCM);
    assertThat(jwe.getHeader().getKeyID()).isEqualTo("wallet-response-key");
    jwe.decrypt(new ECDHDecrypter(responseKey));
    Map<String, Object> response = JSONObjectUtils.parse(jwe.getPayload().toString());
    assertThat(response).containsKeys("credentials", "notification_id");
  }

  @Test
  void whenTheIssuerRequiresEncryptionAndTheRequestIsPlainJsonThenInvalidEncryptionParameters()
      throws Exception {
    Session s = session("sealed", SUBJECT, "proof_of_age");
    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet
                    .withEncryption(Encryption.OFF)
                    .credentials(s.metadata(), s.token(), "proof_of_age", List.of(newKey())));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("invalid_encryption_parameters");
  }

  @Test
  void whenTheIssuerRequiresEncryptedResponsesAndNoneIsAskedThenInvalidEncryptionParameters()
      throws Exception {
    Session s = session("sealed", SUBJECT, "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    Map<String, Object> body = credentialRequest(s, newKey());
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(body, issuerKey, header(issuerKey, EncryptionMethod.A128GCM))),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestUsesAnUnsupportedEncThenInvalidEncryptionParameters() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(
                credentialRequest(s, newKey()),
                issuerKey,
                header(issuerKey, EncryptionMethod.A128CBC_HS256))),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestUsesKeyWrappingThenInvalidEncryptionParameters() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(
                credentialRequest(s, newKey()),
                issuerKey,
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128GCM)
                    .keyID(issuerKey.getKeyID())
                    .build())),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestIsCompressedThenInvalidEncryptionParameters() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(
                credentialRequest(s, newKey()),
                issuerKey,
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM)
                    .keyID(issuerKey.getKeyID())
                    .compressionAlgorithm(com.nimbusds.jose.CompressionAlgorithm.DEF)
                    .build())),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestNamesAnotherKidThenInvalidEncryptionParameters() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(
                credentialRequest(s, newKey()),
                issuerKey,
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM)
                    .keyID("not-our-key")
                    .build())),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheRequestIsEncryptedToAnotherKeyThenInvalidCredentialRequest() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    // right kid, wrong key: decryption fails (as for any tampered ciphertext)
    assertError(
        postCredential(
            s,
            "application/jwt",
            encrypt(
                credentialRequest(s, newKey()),
                newKey(),
                header(issuerKey, EncryptionMethod.A128GCM))),
        "invalid_credential_request");
  }

  @Test
  void whenTheJweIsTamperedThenInvalidCredentialRequest() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    String[] parts =
        encrypt(
                credentialRequest(s, newKey()),
                issuerKey,
                header(issuerKey, EncryptionMethod.A128GCM))
            .split("\\.");
    char[] ciphertext = parts[3].toCharArray();
    ciphertext[5] = ciphertext[5] == 'A' ? 'B' : 'A';
    parts[3] = new String(ciphertext);
    assertError(
        postCredential(s, "application/jwt", String.join(".", parts)),
        "invalid_credential_request");
  }

  @Test
  void whenAPlainJsonRequestAsksForAnEncryptedResponseThenInvalidEncryptionParameters()
      throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    Map<String, Object> body = credentialRequest(s, newKey());
    body.put(
        "credential_response_encryption",
        Map.of("jwk", responseKey().toPublicJWK().toJSONObject(), "enc", "A128GCM"));
    assertError(
        postCredential(s, "application/json", JSONObjectUtils.toJSONString(body)),
        "invalid_encryption_parameters");
  }

  @Test
  void whenTheResponseEncryptionIsUnusableThenInvalidEncryptionParameters() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    ECKey issuerKey = issuerKey(s.metadata());
    ECKey noAlg = new ECKeyGenerator(Curve.P_256).generate();
    List<Map<String, Object>> bad =
        List.of(
            Map.of("jwk", responseKey().toPublicJWK().toJSONObject(), "enc", "A128CBC-HS256"),
            Map.of("jwk", noAlg.toPublicJWK().toJSONObject(), "enc", "A128GCM"),
            Map.of(
                "jwk", responseKey().toPublicJWK().toJSONObject(), "enc", "A128GCM", "zip", "DEF"),
            Map.of("jwk", responseKey().toJSONObject(), "enc", "A128GCM"),
            Map.of("enc", "A128GCM"));
    for (Map<String, Object> params : bad) {
      Map<String, Object> body = credentialRequest(s, newKey());
      body.put("credential_response_encryption", params);
      assertError(
          postCredential(
              s,
              "application/jwt",
              encrypt(body, issuerKey, header(issuerKey, EncryptionMethod.A128GCM))),
          "invalid_encryption_parameters");
    }
  }

  @Test
  void whenTheJweIsOversizedThenInvalidCredentialRequest() throws Exception {
    Session s = session("dec", "QC-1990-000123", "proof_of_age");
    assertError(
        postCredential(s, "application/jwt", "a".repeat(CredentialEncryption.MAX_JWE + 1)),
        "invalid_credential_request");
  }
}
