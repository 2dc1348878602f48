package ca.idnum.auth.citizen.proofing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.account.JdbcCitizenAccountRepository;
import ca.idnum.auth.citizen.proofing.register.DocumentType;
import ca.idnum.server.testing.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verified identities through the real Flyway scripts on the real PostgreSQL that {@code
 * scripts/test.sh} starts: stored with source and date, the account's names and birth date made the
 * verified ones in the same transaction, one identity per account and one account per identity.
 */
class PostgresVerifiedIdentitiesTest {

  private static String url;
  private static final Instant NOW = Instant.parse("2026-11-23T17:00:00.123456Z");

  private JdbcCitizenAccountRepository accounts;
  private JdbcVerifiedIdentities identities;

  @BeforeEach
  void migrate() {
    if (url == null) {
      url = TestServices.newPostgresDatabase();
    }
    DataSource dataSource =
        new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    accounts = new JdbcCitizenAccountRepository(jdbc);
    identities =
        new JdbcVerifiedIdentities(
            jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  private CitizenAccount account() {
    CitizenAccount account =
        CitizenAccount.newVerified(
            CitizenId.random(),
            EmailAddress.of("id-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.ca"),
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
            "camille",
            "TREMBLAY",
            Optional.of("fr-CA"),
            NOW);
    assertThat(accounts.create(account)).isTrue();
    return account;
  }

  private static VerifiedIdentity identity(CitizenId citizen, String number) {
    return new VerifiedIdentity(
        citizen,
        "Camille",
        "Tremblay",
        LocalDate.of(1985, 4, 12),
        Map.of(DocumentType.HEALTH_INSURANCE, number),
        "ramq",
        "Régie de l’assurance maladie",
        "population_register",
        Optional.of("txn-1"),
        NOW);
  }

  private static String number() {
    return "TREC" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000);
  }

  @Test
  void whenAnIdentityIsSavedThenItIsReadBackWithSourceAndDateAndTheAccountCarriesIt() {
    CitizenAccount account = account();
    String number = number();

    assertThat(identities.save(identity(account.id(), number)))
        .isEqualTo(VerifiedIdentities.SaveResult.SAVED);

    VerifiedIdentity read = identities.find(account.id()).orElseThrow();
    assertThat(read.givenName()).isEqualTo("Camille");
    assertThat(read.healthInsuranceNumber()).contains(number);
    assertThat(read.drivingLicenceNumber()).isEmpty();
    assertThat(read.registerName()).isEqualTo("Régie de l’assurance maladie");
    assertThat(read.transaction()).contains("txn-1");
    assertThat(read.verifiedAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(identities.identityVerified(account.id())).isTrue();
    CitizenAccount updated = accounts.findById(account.id()).orElseThrow();
    assertThat(updated.givenName()).isEqualTo("Camille");
    assertThat(updated.familyName()).isEqualTo("Tremblay");
    assertThat(updated.birthdate()).contains(LocalDate.of(1985, 4, 12));
  }

  @Test
  void whenTheCitizenIsAlreadyVerifiedThenNothingChanges() {
    CitizenAccount account = account();
    identities.save(identity(account.id(), number()));
    assertThat(identities.save(identity(account.id(), number())))
        .isEqualTo(VerifiedIdentities.SaveResult.ALREADY_VERIFIED);
  }

  @Test
  void whenAnotherAccountHoldsTheIdentityThenItIsRefusedAndTheAccountIsUnchanged() {
    String number = number();
    identities.save(identity(account().id(), number));
    CitizenAccount second = account();

    assertThat(identities.save(identity(second.id(), number)))
        .isEqualTo(VerifiedIdentities.SaveResult.DOCUMENT_IN_USE);
    assertThat(identities.find(second.id())).isEmpty();
    assertThat(identities.identityVerified(second.id())).isFalse();
    assertThat(accounts.findById(second.id()).orElseThrow().givenName()).isEqualTo("camille");
  }
}
