package ca.idnum.wallet.issuer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.statuslist.StatusListReference;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.sdk.trust.IssuerKeyResolver;
import ca.idnum.sdk.trust.JwkSetKeyResolver;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issuer signing key rotation through the admin API: issue, rotate, issue; both credentials verify
 * with the SDK through the jwt-vc-issuer metadata (by {@code kid}) and through {@code x5c} to the
 * platform root; the status list is re-signed with the new key; the old key has a retirement date.
 */
class SigningKeyRotationTest extends WalletApiTestBase {

  private static final String BODY = "rot";

  private String issue(String subject) throws Exception {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/" + subject))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"claims\":{\"birthdate\":\"1950-06-30\"}}")));
    Map<String, Object> created = createOffer(BODY, subject, List.of("proof_of_age"), false);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    return wallet
        .credentials(
            metadata,
            wallet.preAuthorizedToken(metadata, offer, null, key),
            "proof_of_age",
            List.of(key))
        .get(0);
  }

  private String adminToken() {
    return AUTH.accessToken("back-office-" + BODY, "idnum:issuer:" + BODY);
  }

  private HttpResponse<String> adminGet(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(BASE + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  @Test
  void whenTheKeyIsRotatedThenNewCredentialsUseTheNewKeyAndOldOnesStillVerify() throws Exception {
    String before = issue("ROT-1");
    String oldKid = kid(before);
    List<Object> keysBefore =
        JSONArrayUtils.parse(adminGet("/issuers/rot/admin/signing-keys", adminToken()).body());
    assertThat(keysBefore).hasSize(1);
    assertThat(map(keysBefore.get(0))).containsEntry("kid", oldKid).containsEntry("active", true);

    HttpResponse<String> rotated =
        post("/issuers/rot/admin/signing-keys/rotate", "", "application/json", adminToken());
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
    String newKid = (String) parse(rotated.body()).get("kid");
    assertThat(newKid).isNotEqualTo(oldKid);

    String after = issue("ROT-2");
    assertThat(kid(after)).isEqualTo(newKid);
    assertThat(leaf(after).getPublicKey()).isNotEqualTo(leaf(before).getPublicKey());
    // both leaves chain to the same platform root
    assertThat(leaf(after).getIssuerX500Principal())
        .isEqualTo(leaf(before).getIssuerX500Principal());

    List<Object> keys =
        JSONArrayUtils.parse(adminGet("/issuers/rot/admin/signing-keys", adminToken()).body());
    assertThat(keys).hasSize(2);
    Map<String, Object> active = map(keys.get(0));
    Map<String, Object> superseded = map(keys.get(1));
    assertThat(active).containsEntry("kid", newKid).containsEntry("active", true);
    assertThat(superseded).containsEntry("kid", oldKid).containsEntry("active", false);
    // retired after the longest credential lifetime of the issuer (proof_of_age: 1 year) + 1 day
    Instant retireAt = Instant.parse((String) superseded.get("retireAt"));
    assertThat(retireAt).isAfter(Instant.now().plus(java.time.Duration.ofDays(365)));
    assertThat(Instant.parse((String) superseded.get("certificateNotAfter"))).isAfter(retireAt);

    JWKSet published = jwks();
    assertThat(published.getKeys().stream().map(k -> k.getKeyID())).containsExactly(newKid, oldKid);

    for (String credential : List.of(before, after)) {
      assertThat(verify(credential, new JwkSetKeyResolver(published)))
          .as("via jwt-vc-issuer metadata")
          .isInstanceOf(VerificationResult.Verified.class);
      assertThat(verify(credential, x5c()))
          .as("via x5c")
          .isInstanceOf(VerificationResult.Verified.class);
    }

    // the status list is re-signed with the new key, and both credentials are listed as valid
    for (String credential : List.of(before, after)) {
      SignedJWT jwt = SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt());
      StatusListReference ref = StatusListReference.fromClaims(jwt.getJWTClaimsSet().getClaims());
      String token = get(ref.uri().getPath()).body();
      X509Certificate signer =
          X509CertUtils.parse(
              SignedJWT.parse(token).getHeader().getX509CertChain().get(0).decode());
      assertThat(signer.getPublicKey()).isEqualTo(leaf(after).getPublicKey());
      TokenStatus status =
          StatusListTokenVerifier.withDefaults(
                  (header, uri) -> {
                    try {
                      return Optional.of(
                          new X5cChainResolver(
                                  X5cChainResolver.anchorsOf(List.of(root())),
                                  Clock.systemUTC(),
                                  false)
                              .resolve(header, Map.of()));
                    } catch (Exception e) {
                      return Optional.empty();
                    }
                  },
                  Clock.systemUTC())
              .verify(token, ref.uri())
              .statusOf(ref);
      assertThat(status).isEqualTo(TokenStatus.VALID);
    }
  }

  @Autowired JdbcClient jdbc;

  @Test
  void whenASupersededKeyReachesItsRetirementThenItLeavesTheMetadata() throws Exception {
    post("/issuers/rot/admin/signing-keys/rotate", "", "application/json", adminToken());
    HttpResponse<String> rotated =
        post("/issuers/rot/admin/signing-keys/rotate", "", "application/json", adminToken());
    String activeKid = (String) parse(rotated.body()).get("kid");
    assertThat(jwks().getKeys().size()).isGreaterThanOrEqualTo(2);
    // time passes beyond every superseded key's retireAt
    jdbc.sql(
            "UPDATE issuer_key SET retire_at = :past WHERE issuer = 'rot' AND superseded_at IS NOT NULL")
        .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
        .update();
    assertThat(jwks().getKeys().stream().map(k -> k.getKeyID())).containsExactly(activeKid);
    assertThat(
            JSONArrayUtils.parse(adminGet("/issuers/rot/admin/signing-keys", adminToken()).body()))
        .hasSize(1);
    assertThat(kid(issue("ROT-3"))).isEqualTo(activeKid);
  }

  @Test
  void whenTheCallerLacksTheIssuersScopeThenRotationIsRefused() {
    HttpResponse<String> none =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/issuers/rot/admin/signing-keys/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(none.statusCode()).isEqualTo(401);
    HttpResponse<String> otherBody =
        post(
            "/issuers/rot/admin/signing-keys/rotate",
            "",
            "application/json",
            AUTH.accessToken("back-office-dec", "idnum:issuer:dec"));
    assertThat(otherBody.statusCode()).isEqualTo(403);
  }

  @Test
  void whenAnUnknownIssuerIsRotatedThenNotFound() {
    HttpResponse<String> r =
        post(
            "/issuers/nobody/admin/signing-keys/rotate",
            "",
            "application/json",
            AUTH.accessToken("back-office-nobody", "idnum:issuer:nobody"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(parse(r.body())).containsEntry("error", "not_found");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private JWKSet jwks() throws Exception {
    Map<String, Object> metadata = parse(get("/.well-known/jwt-vc-issuer/issuers/rot").body());
    @SuppressWarnings("unchecked")
    Map<String, Object> jwks = (Map<String, Object>) metadata.get("jwks");
    return JWKSet.parse(jwks);
  }

  private static String kid(String credential) throws Exception {
    return SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt()).getHeader().getKeyID();
  }

  private static X509Certificate leaf(String credential) throws Exception {
    return X509CertUtils.parse(
        SignedJWT.parse(SdJwt.parse(credential).issuerSignedJwt())
            .getHeader()
            .getX509CertChain()
            .get(0)
            .decode());
  }

  private X509Certificate root() {
    return X509CertUtils.parse(get("/trust/root-ca.pem").body());
  }

  private X5cChainResolver x5c() {
    return new X5cChainResolver(X5cChainResolver.anchorsOf(List.of(root())), Clock.systemUTC());
  }

  private static VerificationResult verify(String credential, IssuerKeyResolver keys) {
    return new SdJwtVcVerifier(VerifierOptions.builder(keys).build()).verify(credential, null);
  }
}
