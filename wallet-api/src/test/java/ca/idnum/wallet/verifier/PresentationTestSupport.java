package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.RequestObjectVerifier;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.X509CertUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What the verifier tests share: issuing credentials to a holder, the SDK's holder and client. */
abstract class PresentationTestSupport extends WalletApiTestBase {

  protected final VerifierClient saq = new VerifierClient(URI.create(BASE), "saq");

  /** An issued credential with its holder key. */
  protected record Issued(String credential, ECKey key) {}

  protected static String vct(String type) {
    return BASE + "/vct/" + type;
  }

  protected static DcqlQuery ageQuery() {
    return DcqlQuery.single("age", vct("proof_of_age"), "age_over_18");
  }

  protected static String saqToken() {
    return AUTH.accessToken("back-end-saq", "idnum:verifier:saq");
  }

  protected X509Certificate root() {
    return X509CertUtils.parse(get("/trust/root-ca.pem").body());
  }

  protected HolderPresenter presenter() {
    return new HolderPresenter(
        new RequestObjectVerifier(List.of(root()), Clock.systemUTC()), Clock.systemUTC());
  }

  protected Issued issue(String body, String subject, String type) throws Exception {
    Map<String, Object> created = createOffer(body, subject, List.of(type), false);
    CredentialOffer offer = wallet.resolveOffer((String) created.get("deepLink"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    String credential =
        wallet
            .credentials(
                metadata, wallet.preAuthorizedToken(metadata, offer, null, key), type, List.of(key))
            .get(0);
    return new Issued(credential, key);
  }

  protected HolderPresenter.HeldCredential held(Issued issued) throws Exception {
    SdJwtHolder holder =
        new SdJwtHolder(
            VerifierOptions.builder(
                    new X5cChainResolver(
                        X5cChainResolver.anchorsOf(List.of(root())), Clock.systemUTC()))
                .build());
    return new HolderPresenter.HeldCredential(
        holder.accept(issued.credential()), new ECDSASigner(issued.key()), JWSAlgorithm.ES256);
  }

  /** Revokes the credential bound to {@code key} through the issuer admin API. */
  @SuppressWarnings("unchecked")
  protected void revoke(String body, String subject, ECKey key) throws Exception {
    String admin = AUTH.accessToken("back-office-" + body, "idnum:issuer:" + body);
    HttpResponse<String> list =
        send(
            HttpRequest.newBuilder(
                    URI.create(BASE + "/issuers/" + body + "/admin/credentials?subject=" + subject))
                .header("Authorization", "Bearer " + admin)
                .GET()
                .build());
    String thumbprint = key.computeThumbprint().toString();
    Map<String, Object> record =
        ((List<Map<String, Object>>) (Object) JSONArrayUtils.parse(list.body()))
            .stream()
                .filter(r -> thumbprint.equals(r.get("holderKeyThumbprint")))
                .findFirst()
                .orElseThrow();
    HttpResponse<String> revoked =
        post(
            "/issuers/" + body + "/admin/credentials/" + record.get("id") + "/status",
            "{\"status\":\"REVOKED\"}",
            "application/json",
            admin);
    assertThat(revoked.statusCode()).isEqualTo(200);
  }
}
