package ca.idnum.auth.citizen.proofing.register;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The register client against a register played by WireMock (another organisation's HTTP API): the
 * contract's match and no-match answers, slow answers, 5xx with retries, malformed answers and the
 * circuit breaker.
 */
class HttpIdentityRegisterTest {

  private static final String PATH = "/identity-match";
  private static final String MATCH =
      """
      {"match":true,"txn":"reg-0042","claims":{"given_name":"Camille","family_name":"Tremblay",
       "birthdate":"1985-04-12","health_insurance_number":"TREC85541219",
       "driving_licence_number":"T652312048509"}}""";

  static WireMockServer register;

  private final MatchRequest camille =
      new MatchRequest(
          "camille",
          "TREMBLAY",
          LocalDate.of(1985, 4, 12),
          DocumentType.HEALTH_INSURANCE,
          "trec 8554 1219");

  @BeforeAll
  static void start() {
    register = new WireMockServer(wireMockConfig().dynamicPort());
    register.start();
  }

  @AfterAll
  static void stop() {
    register.stop();
  }

  @BeforeEach
  void reset() {
    register.resetAll();
  }

  private HttpIdentityRegister client(Duration requestTimeout, int maxAttempts, int threshold) {
    return new HttpIdentityRegister(
        "test-register",
        "Registre de test",
        new RegisterClientSettings(
            URI.create(register.baseUrl() + PATH),
            "Bearer register-token",
            Duration.ofSeconds(1),
            requestTimeout,
            Duration.ofSeconds(5),
            maxAttempts,
            threshold,
            Duration.ofMinutes(1)),
        Clock.systemUTC());
  }

  private HttpIdentityRegister client() {
    return client(Duration.ofSeconds(2), 3, 10);
  }

  @Test
  void whenTheRegisterMatchesThenTheCanonicalAttributesAndItsReferenceAreReturned() {
    register.stubFor(
        post(PATH)
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody(MATCH)));

    RegisterAnswer answer = client().match(camille);

    assertThat(answer).isInstanceOf(RegisterAnswer.Match.class);
    RegisterAnswer.Match match = (RegisterAnswer.Match) answer;
    assertThat(match.givenName()).isEqualTo("Camille");
    assertThat(match.familyName()).isEqualTo("Tremblay");
    assertThat(match.birthdate()).isEqualTo(LocalDate.of(1985, 4, 12));
    assertThat(match.documents())
        .containsEntry(DocumentType.HEALTH_INSURANCE, "TREC85541219")
        .containsEntry(DocumentType.DRIVING_LICENCE, "T652312048509");
    assertThat(match.transaction()).contains("reg-0042");
    // the contract's request: canonical number, typed names, the configured credential
    register.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer register-token"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"given_name":"camille","family_name":"TREMBLAY","birthdate":"1985-04-12",
                     "document":{"type":"health_insurance_number","number":"TREC85541219"}}""")));
  }

  @Test
  void whenTheRegisterHoldsNobodyWithTheseAttributesThenTheAnswerIsNoMatch() {
    register.stubFor(post(PATH).willReturn(aResponse().withBody("{\"match\":false}")));

    assertThat(client().match(camille)).isInstanceOf(RegisterAnswer.NoMatch.class);
    register.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheRegisterIsSlowerThanTheTimeoutThenEachAttemptTimesOutAndTheRegisterIsUnavailable() {
    register.stubFor(post(PATH).willReturn(aResponse().withFixedDelay(1_500).withBody(MATCH)));

    assertThatThrownBy(() -> client(Duration.ofMillis(300), 2, 10).match(camille))
        .isInstanceOfSatisfying(
            RegisterUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(RegisterUnavailableException.Reason.TIMEOUT));
    register.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheRegisterFailsOnceThenTheRetrySucceeds() {
    register.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    register.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withBody(MATCH)));

    assertThat(client().match(camille)).isInstanceOf(RegisterAnswer.Match.class);
    register.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheRegisterKeepsFailingThenItIsRetriedWithinTheAttemptsAndThenUnavailable() {
    register.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("oops")));

    assertThatThrownBy(() -> client().match(camille))
        .isInstanceOfSatisfying(
            RegisterUnavailableException.class,
            e ->
                assertThat(e.reason()).isEqualTo(RegisterUnavailableException.Reason.SERVER_ERROR));
    register.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheAnswerIsNotTheContractThenItIsNeverAVerificationAndNotRetried() {
    for (String body :
        new String[] {
          "not json",
          "{\"match\":true}",
          "{\"match\":\"yes\",\"claims\":{}}",
          "{\"match\":true,\"claims\":{\"given_name\":\"Camille\",\"family_name\":\"Tremblay\"}}",
          "{\"match\":true,\"claims\":{\"given_name\":\"Camille\",\"family_name\":\"Tremblay\","
              + "\"birthdate\":\"12/04/1985\",\"health_insurance_number\":\"TREC85541219\"}}",
          "[]"
        }) {
      register.resetAll();
      register.stubFor(post(PATH).willReturn(aResponse().withBody(body)));
      assertThatThrownBy(() -> client().match(camille))
          .as(body)
          .isInstanceOfSatisfying(
              RegisterUnavailableException.class,
              e -> assertThat(e.reason()).isEqualTo(RegisterUnavailableException.Reason.MALFORMED));
      register.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
  }

  @Test
  void whenTheRegisterAnswersWithAnUnexpectedStatusThenItIsAnError() {
    register.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody("{}")));

    assertThatThrownBy(() -> client().match(camille))
        .isInstanceOf(RegisterUnavailableException.class);
    register.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheMatchIsAboutAnotherPersonThenItIsRejected() {
    register.stubFor(
        post(PATH).willReturn(aResponse().withBody(MATCH.replace("TREC85541219", "TREC85541299"))));

    assertThatThrownBy(() -> client().match(camille))
        .isInstanceOfSatisfying(
            RegisterUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(RegisterUnavailableException.Reason.MALFORMED));
  }

  @Test
  void whenTheRegisterKeepsFailingThenTheCircuitOpensAndItIsNoLongerCalled() {
    register.stubFor(post(PATH).willReturn(aResponse().withStatus(502)));
    HttpIdentityRegister client = client(Duration.ofSeconds(1), 1, 2);

    assertThatThrownBy(() -> client.match(camille))
        .isInstanceOf(RegisterUnavailableException.class);
    assertThatThrownBy(() -> client.match(camille))
        .isInstanceOf(RegisterUnavailableException.class);
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> client.match(camille))
        .isInstanceOfSatisfying(
            RegisterUnavailableException.class,
            e ->
                assertThat(e.reason()).isEqualTo(RegisterUnavailableException.Reason.CIRCUIT_OPEN));
    register.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void whenTheDocumentNumberIsNotOfItsTypeThenNoRequestCanBeMade() {
    assertThatThrownBy(
            () ->
                new MatchRequest(
                    "A",
                    "B",
                    LocalDate.of(1990, 1, 1),
                    DocumentType.DRIVING_LICENCE,
                    "TREC85541219"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DocumentType.DRIVING_LICENCE.canonical("t6523-120485-09")).contains("T652312048509");
  }

  @Test
  void whenTheRegisterUrlIsPlainHttpOffLoopbackThenTheSettingsAreRefused() {
    assertThatThrownBy(
            () ->
                new RegisterClientSettings(
                    URI.create("http://register.example/match"),
                    null,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    1,
                    1,
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
