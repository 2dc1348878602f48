package ca.idnum.wallet.register;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.CredentialOffer;
import ca.idnum.sdk.openid4vci.CredentialResponse;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.wallet.support.WalletApiTestBase;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The issuer {@code wm} fetches claims from a register that is another organisation's HTTP API
 * (WireMock): good answers become credentials; slow, failing and malformed answers become a 503 the
 * wallet may retry; an unknown subject is refused.
 */
class RegisterFailuresTest extends WalletApiTestBase {

  @BeforeEach
  void reset() {
    REGISTER.resetAll();
  }

  private List<String> issue(String subject) throws Exception {
    Map<String, Object> created = createOffer("wm", subject, List.of("proof_of_age"), false);
    @SuppressWarnings("unchecked")
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    TokenResponse token = wallet.preAuthorizedToken(metadata, offer, null, key);
    return wallet.credentials(metadata, token, "proof_of_age", List.of(key));
  }

  private OpenId4VciException failure(String subject) {
    return catchThrowableOfType(OpenId4VciException.class, () -> issue(subject));
  }

  @Test
  void whenTheRegisterAnswersThenTheCredentialCarriesOnlyTheDeclaredClaims() throws Exception {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/A-1"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        JSONObjectUtils.toJSONString(
                            Map.of(
                                "claims",
                                Map.of(
                                    "birthdate",
                                    "1950-01-31",
                                    "given_name",
                                    "Paul",
                                    "nas",
                                    "123"))))));
    String credential = issue("A-1").get(0);
    String payload =
        SignedJWT.parse(credential.substring(0, credential.indexOf('~'))).getPayload().toString();
    assertThat(credential).doesNotContain("nas", "Paul", "1950-01-31");
    assertThat(payload).contains("_sd");
  }

  @Test
  void whenTheRegisterDoesNotKnowTheSubjectThenTheRequestIsDenied() {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/B-2")).willReturn(aResponse().withStatus(404)));
    OpenId4VciException e = failure("B-2");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("credential_request_denied");
  }

  private record Pending(
      IssuerMetadata metadata, TokenResponse token, CredentialResponse response) {}

  private Pending request(String subject) throws Exception {
    Map<String, Object> created = createOffer("wm", subject, List.of("proof_of_age"), false);
    @SuppressWarnings("unchecked")
    CredentialOffer offer =
        CredentialOffer.parse((Map<String, Object>) created.get("credentialOffer"));
    IssuerMetadata metadata = wallet.discover(offer.credentialIssuer());
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    TokenResponse token = wallet.preAuthorizedToken(metadata, offer, null, key);
    return new Pending(
        metadata, token, wallet.requestCredentials(metadata, token, "proof_of_age", List.of(key)));
  }

  @Test
  void whenTheRegisterFailsWith5xxThenItIsRetriedAndIssuanceIsDeferredUntilItAnswers()
      throws Exception {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/C-3")).willReturn(aResponse().withStatus(502)));
    Pending p = request("C-3");
    assertThat(p.response().isPending()).isTrue();
    assertThat(p.response().interval()).isPositive();
    REGISTER.verify(2, getRequestedFor(urlEqualTo("/subjects/C-3")));

    CredentialResponse stillPending =
        wallet.deferredCredentials(p.metadata(), p.token(), p.response().transactionId());
    assertThat(stillPending.isPending()).isTrue();

    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/C-3"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"claims\":{\"birthdate\":\"1940-02-29\"}}")));
    CredentialResponse issued =
        wallet.deferredCredentials(p.metadata(), p.token(), p.response().transactionId());
    assertThat(issued.isPending()).isFalse();
    assertThat(issued.credentials()).hasSize(1);

    OpenId4VciException again =
        catchThrowableOfType(
            OpenId4VciException.class,
            () ->
                wallet.deferredCredentials(p.metadata(), p.token(), p.response().transactionId()));
    assertThat(again.error()).isEqualTo("invalid_transaction_id");
  }

  @Test
  void whenTheRegisterIsSlowerThanTheTimeoutThenIssuanceIsDeferredWithinTheBudget()
      throws Exception {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/D-4"))
            .willReturn(aResponse().withFixedDelay(6000).withBody("{\"claims\":{}}")));
    long start = System.nanoTime();
    Pending p = request("D-4");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(p.response().isPending()).isTrue();
    assertThat(millis).as("bounded by the register budget, not the register").isLessThan(5000);
    OpenId4VciException unknown =
        catchThrowableOfType(
            OpenId4VciException.class,
            () -> wallet.deferredCredentials(p.metadata(), p.token(), "not-a-transaction"));
    assertThat(unknown.error()).isEqualTo("invalid_transaction_id");
  }

  @Test
  void whenTheRegisterAnswersMalformedJsonThen503AndNoRetry() {
    REGISTER.stubFor(
        WireMock.get(urlEqualTo("/subjects/E-5"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"claims\":")));
    OpenId4VciException e = failure("E-5");
    assertThat(e.status()).as(e.getMessage()).isEqualTo(503);
    REGISTER.verify(1, getRequestedFor(urlEqualTo("/subjects/E-5")));
  }
}
