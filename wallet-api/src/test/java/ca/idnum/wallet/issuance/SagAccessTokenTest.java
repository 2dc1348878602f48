package ca.idnum.wallet.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.X509CertUtils;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The credential endpoint with access tokens of the SAG (authorization code flow), signed by the
 * stand-in authorization server's key and served over its JWK set: scope per credential
 * configuration, audience, DPoP binding. The same flow against the real auth-server is in the e2e
 * module.
 */
class SagAccessTokenTest extends WalletApiTestBase {

  private static final String SUBJECT = "QC-1990-000123";

  @Test
  void whenTheMetadataIsFetchedThenItNamesTheSagAndAScopePerConfiguration() {
    Map<String, Object> m = parse(get("/.well-known/openid-credential-issuer/issuers/dec").body());
    assertThat(m).containsEntry("authorization_servers", List.of(issuerId("dec"), AUTH.issuer()));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> configs =
        (Map<String, Map<String, Object>>) m.get("credential_configurations_supported");
    assertThat(configs.get("identity")).containsEntry("scope", "idnum:vc:identity");
    assertThat(configs.get("proof_of_age")).containsEntry("scope", "idnum:vc:proof_of_age");
  }

  @Test
  void whenASagTokenCoversTheConfigurationThenTheCredentialIsIssuedAndVerifies() throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("dec"));
    TokenResponse token =
        token(dpopKey, "openid idnum:vc:identity", issuerId("dec"), thumbprint(dpopKey));
    ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();

    String credential = wallet.credentials(metadata, token, "identity", List.of(holderKey)).get(0);

    SdJwtVcVerifier verifier =
        new SdJwtVcVerifier(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(
                            List.of(X509CertUtils.parse(get("/trust/root-ca.pem").body()))),
                        Clock.systemUTC()))
                .build());
    VerificationResult r = verifier.verify(credential, null);
    assertThat(r).isInstanceOf(VerificationResult.Verified.class);
    VerificationResult.Verified verified = (VerificationResult.Verified) r;
    assertThat(verified.claims())
        .containsEntry("iss", issuerId("dec"))
        .containsEntry("given_name", "Marie");
    assertThat(verified.holderKey().toPublicJWK()).isEqualTo(holderKey.toPublicJWK());
  }

  @Test
  void whenTheScopeLacksTheConfigurationThenInsufficientScope() throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("dec"));
    TokenResponse token =
        token(dpopKey, "idnum:vc:proof_of_age", issuerId("dec"), thumbprint(dpopKey));

    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.credentials(
                    metadata,
                    token,
                    "identity",
                    List.of(new ECKeyGenerator(Curve.P_256).generate())));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.error()).isEqualTo("insufficient_scope");
  }

  @Test
  void whenTheTokenIsBoundToAnotherKeyThenInvalidToken() throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    ECKey otherKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("dec"));
    TokenResponse token =
        token(dpopKey, "idnum:vc:identity", issuerId("dec"), thumbprint(otherKey));

    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.credentials(
                    metadata,
                    token,
                    "identity",
                    List.of(new ECKeyGenerator(Curve.P_256).generate())));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.error()).isEqualTo("invalid_token");
  }

  @Test
  void whenTheTokenIsForAnotherIssuerThenInvalidToken() throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("dec"));
    TokenResponse token =
        token(dpopKey, "idnum:vc:identity", issuerId("saaq"), thumbprint(dpopKey));

    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.credentials(
                    metadata,
                    token,
                    "identity",
                    List.of(new ECKeyGenerator(Curve.P_256).generate())));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.error()).isEqualTo("invalid_token");
  }

  @Test
  void
      whenTheIssuerKeysItsRegisterOnAVerifiedIdentifierThenTheTokensVerifiedIdentityFindsTheCitizen()
          throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("ramq"));
    Map<String, Object> verified =
        Map.of(
            "given_name", "Camille",
            "family_name", "Tremblay",
            "birthdate", "1985-04-12",
            "health_insurance_number", "trec 8554 1219",
            "register", "demo",
            "verified_at", "2026-11-23T12:00:00Z");
    TokenResponse token =
        new TokenResponse(
            AUTH.citizenAccessToken(
                SUBJECT,
                "openid idnum:vc:health_insurance_card",
                issuerId("ramq"),
                thumbprint(dpopKey),
                Map.of("idnum_verified", verified)),
            "DPoP",
            300,
            dpopKey);

    String credential =
        wallet
            .credentials(
                metadata,
                token,
                "health_insurance_card",
                List.of(new ECKeyGenerator(Curve.P_256).generate()))
            .get(0);

    VerificationResult r =
        new SdJwtVcVerifier(
                VerifierOptions.builder(
                        new X5cChainResolver(
                            X5cChainResolver.anchorsOf(
                                List.of(X509CertUtils.parse(get("/trust/root-ca.pem").body()))),
                            Clock.systemUTC()))
                    .build())
            .verify(credential, null);
    assertThat(((VerificationResult.Verified) r).claims())
        .containsEntry("given_name", "Camille")
        .containsEntry("health_insurance_number", "TREC 8554 1219");
  }

  @Test
  void whenTheIssuerNeedsAVerifiedIdentityAndTheTokenHasNoneThenCredentialRequestDenied()
      throws Exception {
    ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
    IssuerMetadata metadata = wallet.discover(issuerId("ramq"));
    TokenResponse token =
        token(
            dpopKey,
            "openid idnum:vc:health_insurance_card",
            issuerId("ramq"),
            thumbprint(dpopKey));

    OpenId4VciException e =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.credentials(
                    metadata,
                    token,
                    "health_insurance_card",
                    List.of(new ECKeyGenerator(Curve.P_256).generate())));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("credential_request_denied");
  }

  private static TokenResponse token(ECKey dpopKey, String scope, String audience, String jkt) {
    return new TokenResponse(
        AUTH.citizenAccessToken(SUBJECT, scope, audience, jkt), "DPoP", 300, dpopKey);
  }

  private static String thumbprint(ECKey key) throws Exception {
    return key.computeThumbprint().toString();
  }
}
