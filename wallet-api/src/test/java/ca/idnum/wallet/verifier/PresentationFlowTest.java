package ca.idnum.wallet.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.dcql.DcqlMatcher;
import ca.idnum.sdk.openid4vp.AuthorizationRequest;
import ca.idnum.sdk.openid4vp.ClientId;
import ca.idnum.sdk.openid4vp.HolderPresenter;
import ca.idnum.sdk.openid4vp.OpenId4VpException;
import ca.idnum.sdk.openid4vp.VerifierClient;
import ca.idnum.sdk.sdjwt.SdJwt;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenID4VP verifier service end to end over real HTTP: the relying body's back end (SDK {@link
 * VerifierClient}) asks for {@code age_over_18} only, the SDK holder ({@link HolderPresenter})
 * verifies the signed request object against the platform root, discloses only that claim with key
 * binding and answers encrypted; the result holds that claim and nothing else.
 */
class PresentationFlowTest extends PresentationTestSupport {

  @Test
  void whenABodyAsksForAgeOver18ThenTheHolderPresentsAndTheResultHoldsOnlyThatClaim()
      throws Exception {
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "proof_of_age"));
    HolderPresenter presenter = presenter();

    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());
    assertThat(tx.deepLink()).startsWith("openid4vp://?client_id=x509_hash%3A");
    assertThat(saq.result(saqToken(), tx.transactionId(), null).pending()).isTrue();

    AuthorizationRequest request = presenter.resolve(tx.deepLink());
    assertThat(request.clientId().prefix()).isEqualTo(ClientId.X509_HASH);
    assertThat(request.clientId().toString()).isEqualTo(tx.clientId());
    assertThat(request.name("fr")).isEqualTo("Société des alcools du Québec");
    assertThat(request.purpose("en")).contains("18 or older");
    assertThat(request.purpose("fr")).contains("18 ans");
    assertThat(request.responseMode()).isEqualTo("direct_post.jwt");

    List<DcqlMatcher.Match<HolderPresenter.HeldCredential>> matches =
        presenter.match(request, List.of(held));
    Map<String, List<String>> vpToken = presenter.vpToken(request, matches);
    SdJwt presentation = SdJwt.parse(vpToken.get("age").get(0));
    assertThat(presentation.disclosures()).hasSize(1);
    assertThat(presentation.disclosures().get(0).claimName()).isEqualTo("age_over_18");
    assertThat(presentation.hasKeyBinding()).isTrue();

    HolderPresenter.Answer answer = presenter.respond(request, vpToken);
    assertThat(answer.redirectUri()).isNull();

    VerifierClient.Result result = saq.result(saqToken(), tx.transactionId(), null);
    assertThat(result.accepted()).as(result.error()).isTrue();
    assertThat(result.credentials()).singleElement();
    VerifierClient.VerifiedCredential c = result.credentials().get(0);
    assertThat(c.claims()).containsExactly(Map.entry("age_over_18", true));
    assertThat(c.vct()).isEqualTo(vct("proof_of_age"));
    assertThat(c.issuer()).isEqualTo(issuerId("dec"));
    assertThat(c.status()).isEqualTo("VALID");
    assertThat(c.credentialQueryId()).isEqualTo("age");
  }

  @Test
  void whenTheFlowIsSameDeviceWithDirectPostThenTheWalletGetsARedirectWithAResponseCode()
      throws Exception {
    REGISTER.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post("/hooks/saq")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
    HolderPresenter.HeldCredential held = held(issue("dec", "QC-1990-000123", "identity"));
    HolderPresenter presenter = presenter();
    VerifierClient.Transaction tx =
        saq.create(
            saqToken(),
            ca.idnum.sdk.dcql.DcqlQuery.single("id", vct("identity"), "age_over_18"),
            new VerifierClient.Options("direct_post", "https://saq.example/retour", null));
    AuthorizationRequest request = presenter.resolve(tx.deepLink());
    assertThat(request.responseMode()).isEqualTo("direct_post");

    HolderPresenter.Answer answer =
        presenter.respond(
            request, presenter.vpToken(request, presenter.match(request, List.of(held))));

    assertThat(answer.redirectUri()).startsWith("https://saq.example/retour?response_code=");
    String code = answer.redirectUri().substring(answer.redirectUri().indexOf('=') + 1);
    OpenId4VpException withoutCode =
        catchThrowableOfType(
            OpenId4VpException.class, () -> saq.result(saqToken(), tx.transactionId(), null));
    assertThat(withoutCode.status()).isEqualTo(400);
    assertThat(withoutCode.getMessage()).contains("response_code");
    VerifierClient.Result result = saq.result(saqToken(), tx.transactionId(), code);
    assertThat(result.accepted()).isTrue();
    assertThat(result.credentials().get(0).claims())
        .containsExactly(Map.entry("age_over_18", true));

    // the body's webhook hears of it: transaction id and status, never claims
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> hooks = List.of();
    for (int i = 0; i < 50 && hooks.isEmpty(); i++) {
      hooks =
          REGISTER.findAll(
              com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                      com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/hooks/saq"))
                  .withRequestBody(
                      com.github.tomakehurst.wiremock.client.WireMock.containing(
                          tx.transactionId())));
      Thread.sleep(100);
    }
    assertThat(hooks).singleElement();
    assertThat(parse(hooks.get(0).getBodyAsString()))
        .containsEntry("status", "accepted")
        .doesNotContainKey("credentials");
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void whenAnOperatorRegistersABodyInTheDatabaseThenItAsksForItsClaimsWithItsOwnCertificate()
      throws Exception {
    jdbc.sql(
            "INSERT INTO verifier (body, name_fr, name_en, purpose_fr, purpose_en, allowed_claims,"
                + " redirect_uris, webhook, enabled, updated_at) VALUES ('cinema',"
                + " 'Cinéma municipal', 'Municipal cinema', 'Vérifier l''âge', 'Check your age',"
                + " '{\"proof_of_age\":[\"age_over_18\"]}', '[]', NULL, TRUE, CURRENT_TIMESTAMP)")
        .update();
    VerifierClient cinema = new VerifierClient(URI.create(BASE), "cinema");
    String token = AUTH.accessToken("cinema-back-end", "idnum:verifier:cinema");
    VerifierClient.Transaction tx =
        cinema.create(token, ageQuery(), VerifierClient.Options.defaults());
    AuthorizationRequest request = presenter().resolve(tx.deepLink());
    assertThat(request.name("en")).isEqualTo("Municipal cinema");
    assertThat(tx.clientId())
        .isNotEqualTo(
            saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults()).clientId());
    OpenId4VpException overAsking =
        catchThrowableOfType(
            OpenId4VpException.class,
            () ->
                cinema.create(
                    token,
                    ca.idnum.sdk.dcql.DcqlQuery.single("id", vct("identity"), "age_over_18"),
                    VerifierClient.Options.defaults()));
    assertThat(overAsking.status()).isEqualTo(403);
    OpenId4VpException unknown =
        catchThrowableOfType(
            OpenId4VpException.class,
            () ->
                new VerifierClient(URI.create(BASE), "nobody")
                    .create(
                        AUTH.accessToken("x", "idnum:verifier:nobody"),
                        ageQuery(),
                        VerifierClient.Options.defaults()));
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void whenABodyAsksForMoreThanItIsRegisteredForThenCreationIsRefused() {
    OpenId4VpException e =
        catchThrowableOfType(
            OpenId4VpException.class,
            () ->
                saq.create(
                    saqToken(),
                    ca.idnum.sdk.dcql.DcqlQuery.single(
                        "id", vct("identity"), "age_over_18", "birthdate"),
                    VerifierClient.Options.defaults()));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.error()).isEqualTo("access_denied");
    assertThat(e.getMessage()).contains("[birthdate]", "minimal disclosure");
  }

  @Test
  void whenTheCallerLacksTheBodysScopeOrTheQueryIsMalformedThenTheApiRefuses() {
    HttpResponse<String> wrongScope =
        post(
            "/verifiers/saq/api/transactions",
            "{\"dcql_query\":{}}",
            "application/json",
            AUTH.accessToken("other", "idnum:verifier:other"));
    assertThat(wrongScope.statusCode()).isEqualTo(403);
    HttpResponse<String> noToken =
        post("/verifiers/saq/api/transactions", "{}", "application/json", null);
    assertThat(noToken.statusCode()).isEqualTo(401);
    HttpResponse<String> malformed =
        post(
            "/verifiers/saq/api/transactions",
            "{\"dcql_query\":{\"credentials\":[{\"id\":\"x\",\"format\":\"dc+sd-jwt\"}]}}",
            "application/json",
            saqToken());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(parse(malformed.body()))
        .containsEntry("error", "invalid_request")
        .containsKey("error_description");
    assertThat(malformed.body()).doesNotContain("Exception");
  }

  @Test
  void whenTheQrCodeIsRequestedThenItIsAPngAndUnknownRequestsAre404() throws Exception {
    VerifierClient.Transaction tx =
        saq.create(saqToken(), ageQuery(), VerifierClient.Options.defaults());
    HttpResponse<byte[]> png =
        http.send(
            HttpRequest.newBuilder(URI.create(tx.qrCodeUri())).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(new String(png.body(), 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
    assertThat(get("/openid4vp/requests/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> r = get(URI.create(tx.requestUri()).getPath());
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/oauth-authz-req+jwt");
  }
}
