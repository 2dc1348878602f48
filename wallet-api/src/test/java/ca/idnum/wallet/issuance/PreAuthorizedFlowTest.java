package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.CredentialResponse;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.statuslist.StatusListKeyResolver;
import ca.idnum.sdk.statuslist.StatusListReference;
import ca.idnum.sdk.statuslist.StatusListToken;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pre-authorized code flow end to end over real HTTP, with the SDK's OpenID4VCI client playing
 * the wallet app: offer created by the issuer's back office, tx_code out of band, DPoP-bound token,
 * nonce, key proofs, SD-JWT VCs verified against the platform root, status list checks and
 * revocation.
 */
class PreAuthorizedFlowTest extends WalletApiTestBase {

  @Test
  void whenTheWalletRedeemsAnOfferByReferenceThenItReceivesAVerifiableCredentialListedAsValid()
      throws Exception {
    Map<String, Object> created =
        createOffer("saaq", "L1234-567890-01", List.of("driving_licence"), true);
    String txCode = (String) created.get("txCode");
    assertThat(txCode).matches("[0-9]{6}");

    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    assertThat(offer.credentialIssuer()).isEqualTo(issuerId("saaq"));
    assertThat(offer.txCode().length()).isEqualTo(6);
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    TokenResponse token = wallet.preAuthorizedToken(metadata, offer, txCode, dpopKey);
    assertThat(token.tokenType()).isEqualTo("DPoP");
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
    String credential =
        wallet.credentials(metadata, token, "driving_licence", List.of(holderKey)).get(0);

    VerificationResult.Verified verified = verify(credential);
    assertThat(verified.claims())
        .containsEntry("iss", issuerId("saaq"))
        .containsEntry("vct", BASE + "/vct/driving_licence")
        .containsEntry("given_name", "Marie")
        .containsEntry("licence_number", "L1234-567890-01")
        .containsEntry("age_over_18", true);
    assertThat(verified.holderKey().toPublicJWK()).isEqualTo(holderKey.toPublicJWK());
    assertThat(verified.issuerHeader().getX509CertChain()).hasSize(1);
    assertThat(verified.disclosed().stream().map(d -> d.path().toString()))
        .contains("[given_name]", "[birthdate]", "[address, street_address]")
        .doesNotContain("[address, region]");
    String payload =
        SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt()).getPayload().toString();
    assertThat(payload).doesNotContain("Marie", "1990-04-12", "region");

    assertThat(statusOf(credential)).isEqualTo(TokenStatus.VALID);

    List<Map<String, Object>> issued = listCredentials("saaq", "L1234-567890-01");
    String thumbprint = holderKey.computeThumbprint().toString();
    Map<String, Object> record =
        issued.stream()
            .filter(r -> r.get("holderKeyThumbprint").equals(thumbprint))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> revoked =
        post(
            "/issuers/saaq/admin/credentials/" + record.get("id") + "/status",
            "{\"status\":\"REVOKED\"}",
            "application/json",
            AUTH.accessToken("back-office-saaq", "idnum:issuer:saaq"));
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(parse(revoked.body())).containsEntry("changed", 1L);
    assertThat(statusOf(credential)).isEqualTo(TokenStatus.INVALID);

    HttpResponse<String> reinstated =
        post(
            "/issuers/saaq/admin/credentials/" + record.get("id") + "/status",
            "{\"status\":\"VALID\"}",
            "application/json",
            AUTH.accessToken("back-office-saaq", "idnum:issuer:saaq"));
    assertThat(parse(reinstated.body())).as("revocation is final").containsEntry("changed", 0L);
  }

  @Test
  void whenTheWalletSendsSeveralProofsThenEachCredentialIsBoundToItsOwnKeyAndStatusIndex()
      throws Exception {
    Map<String, Object> created = createOffer("dec", "QC-1990-000123", List.of("identity"), true);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLinkByValue"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    assertThat(metadata.batchSize()).isGreaterThanOrEqualTo(3);
    TokenResponse token =
        wallet.preAuthorizedToken(
            metadata,
            offer,
            (String) created.get("txCode"),
            new ECKeyGenerator(Curve.P_256).generate());
    List<ECKey> keys =
        List.of(
            new ECKeyGenerator(Curve.P_256).generate(),
            new ECKeyGenerator(Curve.P_256).generate(),
            new ECKeyGenerator(Curve.P_256).generate());
    List<String> credentials = wallet.credentials(metadata, token, "identity", keys);

    assertThat(credentials).hasSize(3);
    Set<Object> indexes = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      VerificationResult.Verified v = verify(credentials.get(i));
      assertThat(v.holderKey().toPublicJWK()).isEqualTo(keys.get(i).toPublicJWK());
      assertThat(v.claims()).containsEntry("age_over_18", true).containsEntry("age_over_65", false);
      @SuppressWarnings("unchecked")
      Map<String, Object> list =
          (Map<String, Object>) ((Map<String, Object>) v.claims().get("status")).get("status_list");
      indexes.add(list.get("idx"));
    }
    assertThat(indexes).hasSize(3);

    HttpResponse<String> suspended =
        post(
            "/issuers/dec/admin/subject-status",
            "{\"subject\":\"QC-1990-000123\",\"status\":\"SUSPENDED\"}",
            "application/json",
            AUTH.accessToken("back-office-dec", "idnum:issuer:dec"));
    assertThat(suspended.statusCode()).isEqualTo(200);
    for (String c : credentials) {
      assertThat(statusOf(c)).isEqualTo(TokenStatus.SUSPENDED);
    }
  }

  @Test
  void whenTheWalletNotifiesTheIssuerThenTheEventIsRecordedAgainstTheCredential() throws Exception {
    Map<String, Object> created =
        createOffer("ramq", "TREM90541299", List.of("health_insurance_card"), false);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    TokenResponse token = wallet.preAuthorizedToken(metadata, offer, null, key);
    CredentialResponse response =
        wallet.requestCredentials(metadata, token, "health_insurance_card", List.of(key));
    assertThat(response.notificationId()).isNotBlank();

    wallet.notify(metadata, token, response.notificationId(), "credential_accepted");

    String thumbprint = key.computeThumbprint().toString();
    assertThat(listCredentials("ramq", "TREM90541299"))
        .filteredOn(r -> thumbprint.equals(r.get("holderKeyThumbprint")))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("walletEvent", "credential_accepted"));
    OpenId4VciException unknown =
        catchThrowableOfType(
            OpenId4VciException.class,
            () -> wallet.notify(metadata, token, "not-an-id", "credential_deleted"));
    assertThat(unknown.error()).isEqualTo("invalid_notification_id");
    OpenId4VciException badEvent =
        catchThrowableOfType(
            OpenId4VciException.class,
            () -> wallet.notify(metadata, token, response.notificationId(), "credential_lost"));
    assertThat(badEvent.error()).isEqualTo("invalid_notification_request");
  }

  @Test
  void whenAnIssuerPublishesMetadataThenItFollowsOpenId4VciAndSdJwtVc() {
    Map<String, Object> m = parse(get("/.well-known/openid-credential-issuer/issuers/ramq").body());
    assertThat(m)
        .containsEntry("credential_issuer", issuerId("ramq"))
        .containsEntry("credential_endpoint", issuerId("ramq") + "/credential")
        .containsEntry("nonce_endpoint", issuerId("ramq") + "/nonce");
    @SuppressWarnings("unchecked")
    Map<String, Object> config =
        (Map<String, Object>)
            ((Map<String, Object>) m.get("credential_configurations_supported"))
                .get("health_insurance_card");
    assertThat(config)
        .containsEntry("format", "dc+sd-jwt")
        .containsEntry("vct", BASE + "/vct/health_insurance_card");

    Map<String, Object> type = parse(get("/vct/health_insurance_card").body());
    assertThat(type.toString())
        .contains("Carte d'assurance maladie", "Health insurance card", "fr-CA", "en-CA");

    Map<String, Object> jwtVcIssuer = parse(get("/.well-known/jwt-vc-issuer/issuers/ramq").body());
    assertThat(jwtVcIssuer).containsEntry("issuer", issuerId("ramq"));
    assertThat(get("/.well-known/openid-credential-issuer/issuers/nobody").statusCode())
        .isEqualTo(404);
  }

  @Test
  void whenTheOfferQrCodeIsRequestedThenItIsAPng() {
    Map<String, Object> created =
        createOffer("saaq", "L1234-567890-01", List.of("proof_of_age"), false);
    HttpResponse<byte[]> r =
        sendBytes(
            HttpRequest.newBuilder(URI.create((String) created.get("qrCodeUri"))).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(new String(r.body(), 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
  }

  @Test
  void whenTheStatusListIsFetchedAgainUnchangedThenTheEtagAnswers304() {
    HttpResponse<String> first = get("/issuers/ramq/status-lists/1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).contains("application/statuslist+jwt");
    assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=300");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> second =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/issuers/ramq/status-lists/1"))
                .header("If-None-Match", etag)
                .GET()
                .build());
    assertThat(second.statusCode()).isEqualTo(304);
  }

  private HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> listCredentials(String body, String subject) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(BASE + "/issuers/" + body + "/admin/credentials?subject=" + subject))
                .header(
                    "Authorization",
                    "Bearer " + AUTH.accessToken("back-office-" + body, "idnum:issuer:" + body))
                .GET()
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return (List<Map<String, Object>>)
          (Object) com.nimbusds.jose.util.JSONArrayUtils.parse(r.body());
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private X509Certificate root() {
    return X509CertUtils.parse(get("/trust/root-ca.pem").body());
  }

  private VerificationResult.Verified verify(String credential) {
    SdJwtVcVerifier verifier =
        new SdJwtVcVerifier(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(root())), Clock.systemUTC()))
                .build());
    VerificationResult r = verifier.verify(credential, null);
    assertThat(r).isInstanceOf(VerificationResult.Verified.class);
    return (VerificationResult.Verified) r;
  }

  private TokenStatus statusOf(String credential) throws Exception {
    SignedJWT jwt = SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt());
    @SuppressWarnings("unchecked")
    Map<String, Object> list =
        (Map<String, Object>)
            ((Map<String, Object>) jwt.getJWTClaimsSet().getClaim("status")).get("status_list");
    URI uri = URI.create((String) list.get("uri"));
    String token = send(HttpRequest.newBuilder(uri).GET().build()).body();
    X509CertChainKeys keys = new X509CertChainKeys(root());
    StatusListToken verified =
        StatusListTokenVerifier.withDefaults(keys, Clock.systemUTC()).verify(token, uri);
    return verified.statusOf(new StatusListReference(((Number) list.get("idx")).longValue(), uri));
  }

  /** Trusts a status list token whose x5c chains to the platform root. */
  private record X509CertChainKeys(X509Certificate root) implements StatusListKeyResolver {
    @Override
    public Optional<PublicKey> resolve(com.nimbusds.jose.JWSHeader header, URI statusListUri) {
      try {
        return Optional.of(
            new X5cChainResolver(
                    X5cChainResolver.anchorsOf(List.of(root)), Clock.systemUTC(), false)
                .resolve(header, Map.of()));
      } catch (Exception e) {
        return Optional.empty();
      }
    }
  }
}
