package ca.idnum.auth.citizen.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.account.JdbcCitizenAccountRepository;
import ca.idnum.auth.oidc.support.MutableClock;
import ca.idnum.server.crypto.CryptoFailure;
import ca.idnum.server.crypto.EnvelopeEncryption;
import ca.idnum.server.crypto.KeyEncryptionKey;
import ca.idnum.server.testing.TestServices;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authenticator tables on the real PostgreSQL that {@code scripts/test.sh} starts, through the
 * Flyway scripts: the TOTP seed is stored encrypted (bound to its citizen) and a code is accepted
 * once; recovery codes are stored as digests and used once; passkeys are kept with their counter.
 */
class PostgresAuthenticatorsTest {

  private static String url;

  private final MutableClock clock = new MutableClock();
  private JdbcClient jdbc;
  private EnvelopeEncryption encryption;
  private TotpAuthenticators totp;
  private RecoveryCodes recoveryCodes;
  private Passkeys passkeys;
  private CitizenId citizen;

  @BeforeEach
  void database() {
    if (url == null) {
      url = TestServices.newPostgresDatabase();
    }
    DataSource dataSource =
        new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    encryption =
        new EnvelopeEncryption(
            KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(kek)));
    totp = new TotpAuthenticators(jdbc, encryption, clock);
    recoveryCodes =
        new RecoveryCodes(
            jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    passkeys = new Passkeys(jdbc);
    citizen = CitizenId.random();
    new JdbcCitizenAccountRepository(jdbc)
        .create(
            CitizenAccount.newVerified(
                citizen,
                EmailAddress.of("pg-" + citizen + "@example.ca"),
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                "Alex",
                "Gagnon",
                Optional.of("fr-CA"),
                Instant.now()));
  }

  @Test
  void whenATotpSeedIsStoredThenItIsEncryptedAndACodeIsAcceptedOnce() {
    TotpSecret secret = TotpSecret.generate();
    totp.enrol(citizen, secret);
    String stored =
        jdbc.sql("SELECT secret_enc FROM citizen_totp WHERE citizen_id = ?")
            .param(citizen.value())
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain(secret.base32());
    assertThat(Base64.getDecoder().decode(stored)).hasSizeGreaterThan(60);
    String code = Totp.code(secret, Totp.step(clock.instant()));
    assertThat(totp.verify(citizen, code)).isTrue();
    assertThat(totp.verify(citizen, code)).isFalse();
    clock.shift(Duration.ofSeconds(30));
    assertThat(totp.verify(citizen, Totp.code(secret, Totp.step(clock.instant())))).isTrue();
    // the envelope is bound to its citizen: copied to another row it does not decrypt
    CitizenId other = CitizenId.random();
    byte[] sealed = Base64.getDecoder().decode(stored);
    assertThat(TotpSecret.of(encryption.decrypt(sealed, ("citizen_totp:" + citizen).getBytes())))
        .isEqualTo(secret);
    assertThatThrownBy(() -> encryption.decrypt(sealed, ("citizen_totp:" + other).getBytes()))
        .isInstanceOf(CryptoFailure.class);
    assertThat(totp.remove(citizen)).isTrue();
    assertThat(totp.enrolled(citizen)).isFalse();
  }

  @Test
  void whenRecoveryCodesAreIssuedThenOnlyDigestsAreStoredAndEachWorksOnce() {
    List<String> codes = recoveryCodes.regenerate(citizen);
    assertThat(codes).hasSize(10);
    List<String> stored =
        jdbc.sql("SELECT code_hash FROM citizen_recovery_code WHERE citizen_id = ?")
            .param(citizen.value())
            .query(String.class)
            .list();
    assertThat(stored).hasSize(10).noneMatch(codes::contains);
    assertThat(recoveryCodes.use(citizen, RecoveryCodes.display(codes.get(0)))).isTrue();
    assertThat(recoveryCodes.use(citizen, codes.get(0))).isFalse();
    assertThat(recoveryCodes.remaining(citizen)).isEqualTo(9);
    // new codes replace the old ones
    recoveryCodes.regenerate(citizen);
    assertThat(recoveryCodes.use(citizen, codes.get(1))).isFalse();
  }

  @Test
  void whenAPasskeyIsStoredThenItIsFoundByIdAndItsCounterOnlyRises() {
    Passkey passkey =
        new Passkey(
            "cred-" + citizen, citizen, "Clé", "AAAA", 5, true, Instant.now(), Optional.empty());
    passkeys.add(passkey);
    assertThat(passkeys.any(citizen)).isTrue();
    assertThat(passkeys.find(passkey.credentialId()))
        .get()
        .extracting(Passkey::synced)
        .isEqualTo(true);
    passkeys.used(passkey.credentialId(), 9, Instant.now());
    passkeys.used(passkey.credentialId(), 3, Instant.now());
    assertThat(passkeys.find(passkey.credentialId()))
        .get()
        .extracting(Passkey::signCount)
        .isEqualTo(9L);
    assertThat(passkeys.remove(CitizenId.random(), passkey.credentialId())).isFalse();
    assertThat(passkeys.remove(citizen, passkey.credentialId())).isTrue();
    assertThat(passkeys.of(citizen)).isEmpty();
  }
}
