package ca.idnum.auth.citizen.proofing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.auth.citizen.proofing.register.DemoIdentityRegister;
import ca.idnum.auth.citizen.proofing.register.DocumentType;
import ca.idnum.auth.citizen.proofing.register.HttpIdentityRegister;
import ca.idnum.auth.citizen.proofing.register.IdentityRegister;
import ca.idnum.auth.citizen.proofing.register.MatchRequest;
import ca.idnum.auth.citizen.proofing.register.RegisterAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which register proofing uses, and the demo register's matching. */
class ProofingConfigurationTest {

  private static ProofingProperties.Register register(String url, boolean demoAllowed) {
    return new ProofingProperties.Register(
        "ramq",
        "Registre",
        url,
        null,
        "population_register",
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Duration.ofSeconds(8),
        3,
        5,
        Duration.ofSeconds(30),
        demoAllowed);
  }

  @Test
  void whenARegisterUrlIsSetThenItIsCalledOverHttp() {
    Optional<IdentityRegister> r =
        ProofingConfiguration.register(
            register("https://register.example/match", false), Clock.systemUTC());
    assertThat(r).get().isInstanceOf(HttpIdentityRegister.class);
    assertThat(r.get().id()).isEqualTo("ramq");
  }

  @Test
  void whenNoUrlIsSetThenTheDemoRegisterServesOnlyWhereAllowed() {
    assertThat(ProofingConfiguration.register(register(" ", true), Clock.systemUTC()))
        .get()
        .isInstanceOf(DemoIdentityRegister.class);
    assertThat(ProofingConfiguration.register(register("", false), Clock.systemUTC())).isEmpty();
  }

  @Test
  void whenTheRegisterUrlIsPlainHttpOffLoopbackThenStartUpFails() {
    assertThatThrownBy(
            () ->
                ProofingConfiguration.register(
                    register("http://register.example/match", false), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheDemoCitizenTypesTheirAttributesThenTheDemoRegisterMatchesWithoutCaseOrAccents() {
    RegisterAnswer answer =
        new DemoIdentityRegister()
            .match(
                new MatchRequest(
                    "CAMILLE",
                    "tremblay",
                    LocalDate.of(1985, 4, 12),
                    DocumentType.DRIVING_LICENCE,
                    "T6523-120485-09"));
    assertThat(answer).isInstanceOf(RegisterAnswer.Match.class);
    assertThat(((RegisterAnswer.Match) answer).documents())
        .containsEntry(DocumentType.HEALTH_INSURANCE, "TREC85541219");
    assertThat(
            new DemoIdentityRegister()
                .match(
                    new MatchRequest(
                        "Etienne",
                        "Cote",
                        LocalDate.of(1972, 11, 3),
                        DocumentType.HEALTH_INSURANCE,
                        "COTE 7211 0318")))
        .isInstanceOf(RegisterAnswer.Match.class);
    assertThat(
            new DemoIdentityRegister()
                .match(
                    new MatchRequest(
                        "Camille",
                        "Tremblay",
                        LocalDate.of(1985, 4, 13),
                        DocumentType.HEALTH_INSURANCE,
                        "TREC85541219")))
        .isInstanceOf(RegisterAnswer.NoMatch.class);
  }
}
