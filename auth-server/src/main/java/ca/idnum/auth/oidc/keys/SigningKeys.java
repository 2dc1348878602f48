package ca.idnum.auth.oidc.keys;

import ca.idnum.auth.oidc.OidcProperties;
import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.client.SigningAlg;
import ca.idnum.server.crypto.EnvelopeEncryption;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's signing keys (one series per algorithm: RS256, PS256, ES256), generated at first
 * start and stored encrypted (AES-256-GCM envelope under the key-encryption key) in {@code
 * oidc_signing_key}.
 *
 * <p>Rotation keeps verifiers working: there is always a NEXT key, published before it signs; a
 * rotation makes NEXT the ACTIVE (signing) key, retires the previous ACTIVE key — still published
 * until every token it signed has expired — and creates a new NEXT key. Every node reloads the keys
 * periodically ({@code idnum.oidc.key-refresh}), so a rotation on one node reaches the others.
 */
@Service
public class SigningKeys implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EnvelopeEncryption encryption;
  private final JdbcOidcClients clients;
  private final OidcProperties properties;
  private final Clock clock;
  private final ScheduledExecutorService refresher;
  private volatile KeyRing ring;

  public SigningKeys(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      EnvelopeEncryption encryption,
      JdbcOidcClients clients,
      OidcProperties properties,
      Clock oidcClock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.encryption = encryption;
    this.clients = clients;
    this.properties = properties;
    this.clock = oidcClock;
    transactions.executeWithoutResult(status -> ensureKeys());
    this.ring = new KeyRing(load());
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "idnum-signing-keys");
              thread.setDaemon(true);
              return thread;
            });
    long period = properties.keyRefresh().toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  /** The current key ring (a consistent snapshot). */
  public KeyRing ring() {
    return ring;
  }

  /** Reloads the keys from the database and drops retired keys whose tokens have all expired. */
  public void refresh() {
    transactions.executeWithoutResult(
        status -> {
          lock();
          jdbc.sql("DELETE FROM oidc_signing_key WHERE status = 'RETIRED' AND retired_until < ?")
              .param(ts(clock.instant()))
              .update();
        });
    ring = new KeyRing(load());
  }

  /** Rotates every algorithm's keys (admin operation); returns the new ring. */
  public KeyRing rotate() {
    transactions.executeWithoutResult(
        status -> {
          lock();
          Instant now = clock.instant();
          Instant retiredUntil =
              now.plus(properties.longestSignedTokenLifetime(clients.longestAccessTokenTtl()));
          for (SigningAlg alg : SigningAlg.values()) {
            jdbc.sql(
                    "UPDATE oidc_signing_key SET status = 'RETIRED', retired_at = ?,"
                        + " retired_until = ? WHERE alg = ? AND status = 'ACTIVE'")
                .params(ts(now), ts(retiredUntil), alg.name())
                .update();
            jdbc.sql(
                    "UPDATE oidc_signing_key SET status = 'ACTIVE', activated_at = ?"
                        + " WHERE alg = ? AND status = 'NEXT'")
                .params(ts(now), alg.name())
                .update();
          }
          ensureKeys();
        });
    ring = new KeyRing(load());
    log.info("Signing keys rotated; retired keys stay published until their tokens expire");
    return ring;
  }

  /** Every stored key, with its status (for the admin API; no private parts leave). */
  public List<SigningKey> list() {
    return load();
  }

  private void ensureKeys() {
    lock();
    Instant now = clock.instant();
    for (SigningAlg alg : SigningAlg.values()) {
      if (count(alg, KeyStatus.ACTIVE) == 0) {
        insert(generate(alg), alg, KeyStatus.ACTIVE, now);
        log.info("Generated a new {} signing key", alg);
      }
      if (count(alg, KeyStatus.NEXT) == 0) {
        insert(generate(alg), alg, KeyStatus.NEXT, now);
      }
    }
  }

  private void lock() {
    jdbc.sql("SELECT name FROM oidc_lock WHERE name = 'signing-keys' FOR UPDATE")
        .query(String.class)
        .single();
  }

  private int count(SigningAlg alg, KeyStatus status) {
    return jdbc.sql("SELECT COUNT(*) FROM oidc_signing_key WHERE alg = ? AND status = ?")
        .params(alg.name(), status.name())
        .query(Integer.class)
        .single();
  }

  private void insert(JWK jwk, SigningAlg alg, KeyStatus status, Instant now) {
    byte[] encrypted =
        encryption.encrypt(
            jwk.toJSONString().getBytes(StandardCharsets.UTF_8), aad(jwk.getKeyID()));
    jdbc.sql(
            "INSERT INTO oidc_signing_key (kid, alg, status, public_jwk, private_jwk_enc,"
                + " created_at, activated_at) VALUES (?,?,?,?,?,?,?)")
        .params(
            jwk.getKeyID(),
            alg.name(),
            status.name(),
            jwk.toPublicJWK().toJSONString(),
            Base64.getEncoder().encodeToString(encrypted),
            ts(now),
            status == KeyStatus.ACTIVE ? ts(now) : null)
        .update();
  }

  private List<SigningKey> load() {
    return jdbc.sql(
            "SELECT kid, alg, status, private_jwk_enc, created_at, activated_at, retired_until"
                + " FROM oidc_signing_key")
        .query(this::map)
        .list();
  }

  private SigningKey map(ResultSet rs, int row) throws SQLException {
    String kid = rs.getString("kid");
    byte[] plain =
        encryption.decrypt(Base64.getDecoder().decode(rs.getString("private_jwk_enc")), aad(kid));
    JWK jwk;
    try {
      jwk = JWK.parse(new String(plain, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IllegalStateException("stored signing key " + kid + " is unreadable");
    }
    return new SigningKey(
        kid,
        SigningAlg.parse(rs.getString("alg")),
        KeyStatus.valueOf(rs.getString("status")),
        jwk,
        instant(rs, "created_at"),
        Optional.ofNullable(instant(rs, "activated_at")),
        Optional.ofNullable(instant(rs, "retired_until")));
  }

  private static JWK generate(SigningAlg alg) {
    String kid = UUID.randomUUID().toString();
    try {
      return switch (alg) {
        case RS256, PS256 ->
            new RSAKeyGenerator(2048)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(alg.name()))
                .generate();
        case ES256 ->
            new ECKeyGenerator(Curve.P_256)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate();
      };
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + alg + " key", e);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn(
          "Signing key refresh failed ({}); keeping the current keys",
          e.getClass().getSimpleName());
    }
  }

  private static byte[] aad(String kid) {
    return ("oidc_signing_key:" + kid).getBytes(StandardCharsets.UTF_8);
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }
}
