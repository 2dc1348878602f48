package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.server.crypto.EnvelopeEncryption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The citizens' TOTP authenticators in {@code citizen_totp}: the seed encrypted at rest (envelope
 * bound to the citizen id), and the last accepted time step, so that a code is accepted once
 * (replay protection, atomic across nodes: a conditional update).
 */
public final class TotpAuthenticators {

  private final JdbcClient jdbc;
  private final EnvelopeEncryption encryption;
  private final Clock clock;

  public TotpAuthenticators(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.clock = clock;
  }

  /** Stores (or replaces) the citizen's TOTP seed. */
  public void enrol(CitizenId citizen, TotpSecret secret) {
    String sealed =
        Base64.getEncoder().encodeToString(encryption.encrypt(secret.bytes(), context(citizen)));
    jdbc.sql("DELETE FROM citizen_totp WHERE citizen_id = ?").param(citizen.value()).update();
    jdbc.sql(
            "INSERT INTO citizen_totp (citizen_id, secret_enc, last_step, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .param(citizen.value())
        .param(sealed)
        .param(-1L)
        .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
  }

  public boolean enrolled(CitizenId citizen) {
    return jdbc.sql("SELECT COUNT(*) FROM citizen_totp WHERE citizen_id = ?")
            .param(citizen.value())
            .query(Long.class)
            .single()
        > 0;
  }

  public Optional<Instant> enrolledAt(CitizenId citizen) {
    return jdbc.sql("SELECT created_at FROM citizen_totp WHERE citizen_id = ?")
        .param(citizen.value())
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .optional();
  }

  public boolean remove(CitizenId citizen) {
    return jdbc.sql("DELETE FROM citizen_totp WHERE citizen_id = ?").param(citizen.value()).update()
        > 0;
  }

  /**
   * Checks a code at the current time: true once for a code of an accepted step; a code of the same
   * or an earlier step than the last accepted one is refused.
   */
  public boolean verify(CitizenId citizen, String code) {
    Optional<String> sealed =
        jdbc.sql("SELECT secret_enc FROM citizen_totp WHERE citizen_id = ?")
            .param(citizen.value())
            .query(String.class)
            .optional();
    if (sealed.isEmpty()) {
      return false;
    }
    TotpSecret secret =
        TotpSecret.of(
            encryption.decrypt(Base64.getDecoder().decode(sealed.get()), context(citizen)));
    OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
    if (step.isEmpty()) {
      return false;
    }
    return jdbc.sql("UPDATE citizen_totp SET last_step = ? WHERE citizen_id = ? AND last_step < ?")
            .param(step.getAsLong())
            .param(citizen.value())
            .param(step.getAsLong())
            .update()
        == 1;
  }

  private static byte[] context(CitizenId citizen) {
    return ("citizen_totp:" + citizen).getBytes(StandardCharsets.UTF_8);
  }
}
