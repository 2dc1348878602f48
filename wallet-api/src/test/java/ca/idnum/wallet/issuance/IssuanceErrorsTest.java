package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal of the token and credential endpoints, each in the spec's error shape. */
class IssuanceErrorsTest extends WalletApiTestBase {

  private static final String SUBJECT = "QC-1955-000042";

  private record Session(IssuerMetadata metadata, TokenResponse token) {}

  private Session session() throws Exception {
    Map<String, Object> created = createOffer("dec", SUBJECT, List.of("proof_of_age"), true);
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    TokenResponse token =
        wallet.preAuthorizedToken(metadata, offer, (String) created.get("txCode"), newKey());
    return new Session(metadata, token);
  }

  private static ECKey newKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256).generate();
  }

  private OpenId4VciException credentialError(Session s, Map<String, Object> body) {
    return catchThrowableOfType(
        OpenId4VciException.class, () -> wallet.credentialRequest(s.metadata(), s.token(), body));
  }

  private static Map<String, Object> request(String configId, String... proofs) {
    return Map.of(
        "credential_configuration_id", configId, "proofs", Map.of("jwt", List.of(proofs)));
  }

  @Test
  void whenTheTxCodeIsWrongThenInvalidGrantAndTheCodeBurnsAfterFiveAttempts() throws Exception {
    Map<String, Object> created = createOffer("dec", SUBJECT, List.of("proof_of_age"), true);
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    String right = (String) created.get("txCode");
    String wrong = right.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 5; i++) {
      OpenId4VciException e =
          catchThrowableOfType(
              OpenId4VciException.class,
              () -> wallet.preAuthorizedToken(metadata, offer, wrong, newKey()));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.error()).isEqualTo("invalid_grant");
    }
    OpenId4VciException burnt =
        catchThrowableOfType(
            OpenId4VciException.class,
            () -> wallet.preAuthorizedToken(metadata, offer, right, newKey()));
    assertThat(burnt.error()).as("the right code no longer works").isEqualTo("invalid_grant");
  }

  @Test
  void whenAPreAuthorizedCodeIsReplayedThenInvalidGrant() throws Exception {
    Map<String, Object> created = createOffer("dec", SUBJECT, List.of("proof_of_age"), true);
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    wallet.preAuthorizedToken(metadata, offer, (String) created.get("txCode"), newKey());
    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.preAuthorizedToken(
                    metadata, offer, (String) created.get("txCode"), newKey()));
    assertThat(e.error()).isEqualTo("invalid_grant");
    assertThat(get("/issuers/dec/offers/" + created.get("offerId")).statusCode())
        .as("a redeemed offer is no longer served")
        .isEqualTo(404);
  }

  @Test
  void whenTheTokenRequestHasNoDpopProofThenInvalidDpopProof() throws Exception {
    Map<String, Object> created = createOffer("dec", SUBJECT, List.of("proof_of_age"), false);
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    HttpResponse<String> r =
        post(
            "/issuers/dec/token",
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code="
                + offer.preAuthorizedCode(),
            "application/x-www-form-urlencoded",
            null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(parse(r.body())).containsEntry("error", "invalid_dpop_proof");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void whenTheCredentialRequestHasNoAccessTokenThenA401WithADpopChallenge() {
    HttpResponse<String> r = post("/issuers/dec/credential", "{}", "application/json", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("DPoP ");
  }

  @Test
  void whenTheTokenIsSentAsABearerTokenThenInvalidToken() throws Exception {
    Session s = session();
    HttpResponse<String> r =
        post("/issuers/dec/credential", "{}", "application/json", s.token().accessToken());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("DPoP ")
        .contains("error=\"invalid_token\"");
  }

  @Test
  void whenTheDpopProofIsSignedByAnotherKeyThenInvalidToken() throws Exception {
    Session s = session();
    TokenResponse stolen = new TokenResponse(s.token().accessToken(), "DPoP", 60, newKey());
    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () -> wallet.credentials(s.metadata(), stolen, "proof_of_age", List.of(newKey())));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.error()).isEqualTo("invalid_token");
    assertThat(e.wwwAuthenticate()).startsWith("DPoP ");
  }

  @Test
  void whenTheDpopProofIsReplayedThenInvalidDpopProof() throws Exception {
    Session s = session();
    String uri = s.metadata().credentialEndpoint().toString();
    String proof =
        Proofs.dpop(s.token().dpopKey(), "POST", uri, s.token().accessToken(), Instant.now());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/json")
            .header("Authorization", "DPoP " + s.token().accessToken())
            .header("DPoP", proof)
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    send(request);
    HttpResponse<String> replay = send(request);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(parse(replay.body())).containsEntry("error", "invalid_dpop_proof");
  }

  @Test
  void whenTheProofNonceIsUnknownThenInvalidNonce() throws Exception {
    Session s = session();
    String proof =
        Proofs.keyProof(newKey(), issuerId("dec"), "not-a-nonce-we-issued", Instant.now());
    OpenId4VciException e = credentialError(s, request("proof_of_age", proof));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("invalid_nonce");
  }

  @Test
  void whenANonceIsUsedTwiceThenInvalidNonce() throws Exception {
    Session s = session();
    String nonce = wallet.nonce(s.metadata());
    wallet.credentialRequest(
        s.metadata(),
        s.token(),
        request("proof_of_age", Proofs.keyProof(newKey(), issuerId("dec"), nonce, Instant.now())));
    OpenId4VciException e =
        credentialError(
            s,
            request(
                "proof_of_age", Proofs.keyProof(newKey(), issuerId("dec"), nonce, Instant.now())));
    assertThat(e.error()).isEqualTo("invalid_nonce");
  }

  @Test
  void whenTheProofAudienceIsAnotherIssuerThenInvalidProof() throws Exception {
    Session s = session();
    String proof =
        Proofs.keyProof(newKey(), issuerId("saaq"), wallet.nonce(s.metadata()), Instant.now());
    OpenId4VciException e = credentialError(s, request("proof_of_age", proof));
    assertThat(e.error()).isEqualTo("invalid_proof");
  }

  @Test
  void whenTheProofIatIsTooOldThenInvalidProof() throws Exception {
    Session s = session();
    String proof =
        Proofs.keyProof(
            newKey(),
            issuerId("dec"),
            wallet.nonce(s.metadata()),
            Instant.now().minusSeconds(3600));
    assertThat(credentialError(s, request("proof_of_age", proof)).error())
        .isEqualTo("invalid_proof");
  }

  @Test
  void whenTheProofTypIsWrongThenInvalidProof() throws Exception {
    Session s = session();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .audience(issuerId("dec"))
            .issueTime(new Date())
            .claim("nonce", wallet.nonce(s.metadata()))
            .build();
    String proof = Proofs.sign(newKey(), JOSEObjectType.JWT, claims);
    assertThat(credentialError(s, request("proof_of_age", proof)).error())
        .isEqualTo("invalid_proof");
  }

  @Test
  void whenTheProofSignatureDoesNotMatchItsJwkThenInvalidProof() throws Exception {
    Session s = session();
    String nonce = wallet.nonce(s.metadata());
    String good = Proofs.keyProof(newKey(), issuerId("dec"), nonce, Instant.now());
    String other = Proofs.keyProof(newKey(), issuerId("dec"), nonce, Instant.now());
    String[] a = good.split("\\.");
    String[] b = other.split("\\.");
    String forged = a[0] + "." + a[1] + "." + b[2];
    assertThat(credentialError(s, request("proof_of_age", forged)).error())
        .isEqualTo("invalid_proof");
  }

  @Test
  void whenTwoProofsOfABatchUseTheSameKeyThenInvalidProof() throws Exception {
    Session s = session();
    ECKey key = newKey();
    String nonce = wallet.nonce(s.metadata());
    String p1 = Proofs.keyProof(key, issuerId("dec"), nonce, Instant.now());
    String p2 = Proofs.keyProof(key, issuerId("dec"), nonce, Instant.now());
    assertThat(credentialError(s, request("proof_of_age", p1, p2)).error())
        .isEqualTo("invalid_proof");
  }

  @Test
  void whenTheCredentialConfigurationIsUnknownThenUnknownCredentialConfiguration()
      throws Exception {
    Session s = session();
    String proof =
        Proofs.keyProof(newKey(), issuerId("dec"), wallet.nonce(s.metadata()), Instant.now());
    assertThat(credentialError(s, request("driving_licence", proof)).error())
        .isEqualTo("unknown_credential_configuration");
    assertThat(credentialError(s, request("identity", proof)).error())
        .as("offered by the issuer but not covered by this token")
        .isEqualTo("unknown_credential_configuration");
  }

  @Test
  void whenTheRequestHasNoProofsThenInvalidProof() throws Exception {
    Session s = session();
    assertThat(credentialError(s, Map.of("credential_configuration_id", "proof_of_age")).error())
        .isEqualTo("invalid_proof");
  }

  @Test
  void whenTheAdminApiIsCalledWithoutTheIssuersScopeThenItIsRefused() {
    String body = "{\"credentialConfigurationIds\":[\"proof_of_age\"],\"subject\":\"x\"}";
    assertThat(post("/issuers/dec/admin/offers", body, "application/json", null).statusCode())
        .isEqualTo(401);
    assertThat(
            post(
                    "/issuers/dec/admin/offers",
                    body,
                    "application/json",
                    AUTH.accessToken("back-office-saaq", "idnum:issuer:saaq"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    "/issuers/dec/admin/offers",
                    body,
                    "application/json",
                    AUTH.accessToken(
                        "back-office-dec", "idnum:issuer:dec", "https://other.example"))
                .statusCode())
        .as("a token for another resource server")
        .isEqualTo(401);
  }

  @Test
  void whenTheAdminOffersATypeTheIssuerDoesNotIssueThenInvalidRequest() {
    HttpResponse<String> r =
        post(
            "/issuers/ramq/admin/offers",
            "{\"credentialConfigurationIds\":[\"driving_licence\"],\"subject\":\"x\"}",
            "application/json",
            AUTH.accessToken("back-office-ramq", "idnum:issuer:ramq"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(parse(r.body())).containsEntry("error", "invalid_request");
  }
}
