package ca.idnum.auth.citizen.account;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import ca.idnum.auth.citizen.PostalAddress;
import ca.idnum.auth.citizen.code.OneTimeCode;
import ca.idnum.auth.citizen.registration.JdbcPendingRegistrations;
import ca.idnum.auth.citizen.registration.PendingRegistration;
import ca.idnum.auth.citizen.reset.JdbcPasswordResets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The citizen tables through the real Flyway scripts and JDBC classes; run on H2 (embedded default,
 * file mode) and PostgreSQL by the subclasses.
 */
abstract class CitizenAccountRepositoryContract {

  private static final Instant NOW = Instant.parse("2026-11-23T15:00:00.123456Z");

  private JdbcCitizenAccountRepository accounts;
  private JdbcPendingRegistrations pending;
  private JdbcPasswordResets resets;
  private CitizenDirectory directory;

  /** A database; called once per test, migrated here (migrating twice is a no-op). */
  abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    DataSource dataSource = dataSource();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    accounts = new JdbcCitizenAccountRepository(jdbc);
    pending = new JdbcPendingRegistrations(jdbc);
    resets = new JdbcPasswordResets(jdbc);
    directory = new RepositoryCitizenDirectory(accounts);
  }

  private static String uniqueEmail() {
    return "Citoyen." + UUID.randomUUID().toString().substring(0, 8) + "@Exemple.ca";
  }

  private static CitizenAccount account(String email) {
    return CitizenAccount.newVerified(
        CitizenId.random(),
        EmailAddress.of(email),
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        "Élodie",
        "Bélanger-Nguyễn",
        Optional.of("fr-CA"),
        NOW);
  }

  @Test
  void whenAnAccountIsStoredThenItIsFoundByIdAndByAddressIgnoringCase() {
    String email = uniqueEmail();
    CitizenAccount stored = account(email);
    assertThat(accounts.create(stored)).isTrue();

    assertThat(accounts.findById(stored.id())).contains(stored);
    assertThat(accounts.findByEmail(EmailAddress.of(email.toLowerCase()))).contains(stored);
    assertThat(accounts.findByEmail(EmailAddress.of(email.toUpperCase()))).contains(stored);
    assertThat(accounts.findById(CitizenId.random())).isEmpty();
  }

  @Test
  void whenAnAddressIsTakenThenASecondAccountIsRefusedWhateverItsCase() {
    String email = uniqueEmail();
    assertThat(accounts.create(account(email))).isTrue();
    assertThat(accounts.create(account(email.toUpperCase()))).isFalse();
  }

  @Test
  void whenThePasswordHashIsReplacedThenTheNewOneIsStoredWithTheTime() {
    CitizenAccount stored = account(uniqueEmail());
    accounts.create(stored);
    Instant later = NOW.plus(Duration.ofDays(1));

    assertThat(accounts.updatePasswordHash(stored.id(), "$argon2id$new", later)).isTrue();
    assertThat(accounts.updatePasswordHash(CitizenId.random(), "$argon2id$x", later)).isFalse();

    CitizenAccount updated = accounts.findById(stored.id()).orElseThrow();
    assertThat(updated.passwordHash()).isEqualTo("$argon2id$new");
    assertThat(updated.updatedAt()).isEqualTo(later);
    assertThat(updated.createdAt()).isEqualTo(NOW);
  }

  @Test
  void whenAPostalAddressIsSavedThenTheProfileCarriesItUntilItIsRemoved() {
    CitizenAccount stored = account(uniqueEmail());
    accounts.create(stored);
    assertThat(directory.find(stored.id()).orElseThrow().address()).isEmpty();
    PostalAddress address =
        new PostalAddress(
            "1000, rue Saint-Jean, app. 3", "Québec", Optional.of("QC"), "g1r4s9", "Canada");
    Instant later = NOW.plus(Duration.ofHours(2));

    assertThat(accounts.updateAddress(stored.id(), Optional.of(address), later)).isTrue();
    assertThat(accounts.updateAddress(CitizenId.random(), Optional.of(address), later)).isFalse();

    CitizenAccount updated = accounts.findById(stored.id()).orElseThrow();
    assertThat(updated.address()).contains(address);
    assertThat(updated.address().orElseThrow().postalCode()).isEqualTo("G1R 4S9");
    assertThat(updated.updatedAt()).isEqualTo(later);
    assertThat(directory.find(stored.id()).orElseThrow().address()).contains(address);

    assertThat(accounts.updateAddress(stored.id(), Optional.empty(), later)).isTrue();
    assertThat(directory.find(stored.id()).orElseThrow().address()).isEmpty();
  }

  @Test
  void whenTheDirectoryIsAskedThenItReleasesTheProfileOfActiveAccountsOnly() {
    CitizenAccount stored = account(uniqueEmail());
    accounts.create(stored);

    CitizenProfile profile = directory.find(stored.id()).orElseThrow();
    assertThat(profile.id()).isEqualTo(stored.id());
    assertThat(profile.email()).isEqualTo(stored.email().value());
    assertThat(profile.emailVerified()).isTrue();
    assertThat(profile.givenName()).contains("Élodie");
    assertThat(profile.familyName()).contains("Bélanger-Nguyễn");
    assertThat(profile.birthdate()).isEmpty();
    assertThat(profile.phoneNumber()).isEmpty();
    assertThat(directory.find(CitizenId.random())).isEmpty();
  }

  @Test
  void whenPendingRegistrationsAreStoredThenOnlyUnexpiredOnesAreFoundAndAttemptsAreBounded() {
    EmailAddress email = EmailAddress.of(uniqueEmail());
    UUID fresh = UUID.randomUUID();
    UUID expired = UUID.randomUUID();
    pending.insert(registration(fresh, email, NOW.plus(Duration.ofMinutes(15)), NOW));
    pending.insert(
        registration(expired, email, NOW.minusSeconds(1), NOW.minus(Duration.ofMinutes(16))));

    assertThat(pending.findActive(email, NOW))
        .extracting(PendingRegistration::id)
        .containsExactly(fresh);
    assertThat(pending.consumeAttempt(fresh, 2)).isTrue();
    assertThat(pending.consumeAttempt(fresh, 2)).isTrue();
    assertThat(pending.consumeAttempt(fresh, 2)).isFalse();
    assertThat(pending.deleteExpired(NOW)).isGreaterThanOrEqualTo(1);
    assertThat(pending.findActive(email, NOW.minus(Duration.ofHours(1))))
        .extracting(PendingRegistration::id)
        .containsExactly(fresh);
  }

  @Test
  void whenAnAddressHasManyPendingRegistrationsThenOnlyTheNewestAreKept() {
    EmailAddress email = EmailAddress.of(uniqueEmail());
    UUID newest = null;
    for (int i = 0; i < 5; i++) {
      newest = UUID.randomUUID();
      pending.insert(
          registration(newest, email, NOW.plus(Duration.ofHours(1)), NOW.plusSeconds(i)));
    }
    pending.keepNewest(email, 3);
    assertThat(pending.findActive(email, NOW))
        .hasSize(3)
        .first()
        .extracting(PendingRegistration::id)
        .isEqualTo(newest);
    pending.deleteAll(email);
    assertThat(pending.findActive(email, NOW)).isEmpty();
  }

  @Test
  void whenResetCodesAreStoredThenTheyAreFoundPerAccountAndVoidedTogether() {
    CitizenAccount stored = account(uniqueEmail());
    accounts.create(stored);
    UUID code = UUID.randomUUID();
    resets.insert(
        code, stored.id(), OneTimeCode.digest(code, "12345678"), NOW.plusSeconds(900), NOW);
    resets.insert(
        UUID.randomUUID(), stored.id(), "0".repeat(64), NOW.minusSeconds(1), NOW.minusSeconds(901));

    assertThat(resets.findActive(stored.id(), NOW))
        .singleElement()
        .satisfies(
            r -> assertThat(OneTimeCode.matches(r.id(), "12345678", r.codeDigest())).isTrue());
    assertThat(resets.consumeAttempt(code, 1)).isTrue();
    assertThat(resets.consumeAttempt(code, 1)).isFalse();
    resets.deleteAll(stored.id());
    assertThat(resets.findActive(stored.id(), NOW)).isEmpty();
  }

  private static PendingRegistration registration(
      UUID id, EmailAddress email, Instant expiresAt, Instant createdAt) {
    return new PendingRegistration(
        id,
        email,
        "$argon2id$hash",
        "Prénom",
        "Nom",
        Optional.of("en-CA"),
        OneTimeCode.digest(id, "12345678"),
        0,
        expiresAt.truncatedTo(ChronoUnit.MICROS),
        createdAt.truncatedTo(ChronoUnit.MICROS));
  }
}
