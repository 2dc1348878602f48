package ca.idnum.wallet.issuer;

import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The issuing public bodies and their keys. The platform root CA, each issuer's EC P-256 signing
 * key and certificate (chained to the root) and its ECDH-ES credential request encryption key are
 * generated at first use and stored encrypted; every node then reads the same ones.
 *
 * <p>Signing keys rotate ({@link #rotate}): the new key signs from then on; the previous one stays
 * published (and its certificate valid) until it is retired, after the longest lifetime of what it
 * signed (credentials and status list tokens). The active key is read from the database on each
 * use, so every node switches at once.
 */
@Component
public final class IssuerDirectory {

  static final String ROOT_ID = "platform-root-ca";
  private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
  private static final Duration ISSUER_VALIDITY = Duration.ofDays(730);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Issuer> issuers;
  private final PlatformKeyStore keys;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final WalletProperties properties;
  private final Clock clock;
  private final Map<String, SigningIdentity> identities = new ConcurrentHashMap<>();
  private final Map<String, ECKey> encryptionKeys = new ConcurrentHashMap<>();

  public IssuerDirectory(
      WalletProperties properties,
      CredentialTypeCatalog catalog,
      PlatformKeyStore keys,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Clock clock) {
    this.keys = keys;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
    Map<String, Issuer> map = new LinkedHashMap<>();
    properties
        .issuers()
        .forEach(
            (body, p) ->
                map.put(
                    body,
                    new Issuer(
                        body,
                        properties.issuerId(body),
                        p.nameFr(),
                        p.nameEn(),
                        p.credentialConfigurations().stream()
                            .map(id -> catalog.find(id).orElseThrow())
                            .toList(),
                        p.encryptionRequired())));
    this.issuers = Map.copyOf(map);
  }

  /** The issuer named {@code body}. */
  public Optional<Issuer> find(String body) {
    return Optional.ofNullable(issuers.get(body));
  }

  /** Every issuer. */
  public List<Issuer> all() {
    return issuers.values().stream().sorted((a, b) -> a.body().compareTo(b.body())).toList();
  }

  /** The platform root CA (the trust anchor of every issuer certificate). */
  public SigningIdentity root() {
    return identities.computeIfAbsent(
        ROOT_ID,
        id ->
            keys.getOrCreate(
                id,
                () -> {
                  KeyPair kp = Certificates.newP256KeyPair();
                  X509Certificate cert =
                      Certificates.rootCertificate(
                          kp, "IdNum platform root CA", clock.instant(), ROOT_VALIDITY);
                  return new SigningIdentity(id, (ECPrivateKey) kp.getPrivate(), List.of(cert));
                }));
  }

  /**
   * The active signing identity of {@code issuer}; its chain is the leaf certificate then the root.
   */
  public SigningIdentity signingIdentity(Issuer issuer) {
    return load(activeKeyId(issuer));
  }

  /**
   * The signing keys that verify: the active one first, then the superseded ones not yet retired.
   */
  public List<SigningKey> signingKeys(Issuer issuer) {
    activeKeyId(issuer);
    Instant now = clock.instant();
    return jdbc
        .sql(
            "SELECT key_id, created_at, superseded_at, retire_at FROM issuer_key"
                + " WHERE issuer = :issuer AND purpose = 'sig'"
                + " ORDER BY superseded_at DESC NULLS FIRST, created_at DESC")
        .param("issuer", issuer.body())
        .query(
            (rs, n) ->
                new SigningKey(
                    load(rs.getString(1)),
                    rs.getTimestamp(2).toInstant(),
                    instant(rs.getTimestamp(3)),
                    instant(rs.getTimestamp(4))))
        .list()
        .stream()
        .filter(k -> k.retireAt() == null || k.retireAt().isAfter(now))
        .toList();
  }

  /**
   * Rotates the signing key of {@code issuer}: a new key and certificate chained to the root become
   * active; the previous key is retired after the longest credential lifetime of this issuer plus
   * the validity of a status list token.
   *
   * @return the new active key
   */
  public SigningKey rotate(Issuer issuer) {
    activeKeyId(issuer);
    Instant now = clock.instant();
    String id =
        "issuer:"
            + issuer.body()
            + ":"
            + now.getEpochSecond()
            + "-"
            + HexFormat.of().formatHex(randomBytes(4));
    SigningIdentity next = newIssuerIdentity(issuer, id, now);
    Instant retireAt = retirement(issuer, now);
    Boolean rotated =
        transactions.execute(
            status -> {
              List<String> active =
                  jdbc.sql(
                          "SELECT key_id FROM issuer_key WHERE issuer = :issuer AND purpose = 'sig'"
                              + " AND superseded_at IS NULL FOR UPDATE")
                      .param("issuer", issuer.body())
                      .query(String.class)
                      .list();
              if (active.isEmpty()) {
                return false;
              }
              keys.insert(next);
              jdbc.sql(
                      "UPDATE issuer_key SET superseded_at = :now, retire_at = :retire"
                          + " WHERE issuer = :issuer AND purpose = 'sig' AND superseded_at IS NULL")
                  .param("now", Timestamp.from(now))
                  .param("retire", Timestamp.from(retireAt))
                  .param("issuer", issuer.body())
                  .update();
              insertKeyRow(id, issuer.body(), "sig", now);
              // a new version of each status list: every node re-signs it with the new key
              jdbc.sql(
                      "UPDATE status_list SET version = version + 1, updated_at = :now"
                          + " WHERE issuer = :issuer")
                  .param("now", Timestamp.from(now))
                  .param("issuer", issuer.body())
                  .update();
              return true;
            });
    if (!Boolean.TRUE.equals(rotated)) {
      throw new ConcurrentRotationException();
    }
    identities.put(id, next);
    return new SigningKey(next, now, null, null);
  }

  /** Another rotation of the same issuer committed first. */
  public static final class ConcurrentRotationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentRotationException() {
      super("a concurrent rotation won", null, false, false);
    }
  }

  /**
   * The credential request encryption key of {@code issuer} (OpenID4VCI 1.0 §10): EC P-256 for
   * ECDH-ES, with its private part, {@code kid} its thumbprint, {@code alg} {@code ECDH-ES} and
   * {@code use} {@code enc}.
   */
  public ECKey encryptionKey(Issuer issuer) {
    return encryptionKeys.computeIfAbsent(
        issuer.body(),
        body -> {
          String id = "issuer-enc:" + body;
          ECPrivateKey privateKey =
              keys.getOrCreateKey(
                  id, () -> (ECPrivateKey) Certificates.newP256KeyPair().getPrivate());
          try {
            insertKeyRow(id, body, "enc", clock.instant());
          } catch (DuplicateKeyException already) {
            // stored by an earlier start or another node
          }
          try {
            return new ECKey.Builder(Curve.P_256, Certificates.publicKeyOf(privateKey))
                .privateKey(privateKey)
                .keyUse(KeyUse.ENCRYPTION)
                .algorithm(JWEAlgorithm.ECDH_ES)
                .keyIDFromThumbprint()
                .build();
          } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key thumbprint", e);
          }
        });
  }

  private String activeKeyId(Issuer issuer) {
    Optional<String> active = findActive(issuer);
    if (active.isPresent()) {
      return active.get();
    }
    // The first signing key keeps the id it had before keys rotated.
    String first = "issuer:" + issuer.body();
    identities.computeIfAbsent(
        first, id -> keys.getOrCreate(id, () -> newIssuerIdentity(issuer, id, clock.instant())));
    try {
      insertKeyRow(first, issuer.body(), "sig", clock.instant());
    } catch (DuplicateKeyException raced) {
      // another node registered it
    }
    return findActive(issuer).orElseThrow(ConcurrentRotationException::new);
  }

  private Optional<String> findActive(Issuer issuer) {
    return jdbc
        .sql(
            "SELECT key_id FROM issuer_key WHERE issuer = :issuer AND purpose = 'sig'"
                + " AND superseded_at IS NULL")
        .param("issuer", issuer.body())
        .query(String.class)
        .list()
        .stream()
        .findFirst();
  }

  private SigningIdentity load(String keyId) {
    return identities.computeIfAbsent(
        keyId,
        id ->
            keys.find(id)
                .orElseThrow(() -> new IllegalStateException("signing key " + id + " is missing")));
  }

  private void insertKeyRow(String keyId, String body, String purpose, Instant at) {
    jdbc.sql(
            "INSERT INTO issuer_key (key_id, issuer, purpose, created_at)"
                + " VALUES (:id, :issuer, :purpose, :at)")
        .param("id", keyId)
        .param("issuer", body)
        .param("purpose", purpose)
        .param("at", Timestamp.from(at))
        .update();
  }

  private SigningIdentity newIssuerIdentity(Issuer issuer, String id, Instant now) {
    SigningIdentity root = root();
    KeyPair kp = Certificates.newP256KeyPair();
    // valid for the time the key signs plus the lifetime of what it signs last
    Duration validity = ISSUER_VALIDITY.plus(Duration.between(now, retirement(issuer, now)));
    X509Certificate cert =
        Certificates.issuerCertificate(
            kp.getPublic(),
            issuer.nameFr(),
            URI.create(issuer.issuerId()),
            root.certificate(),
            root.privateKey(),
            now,
            validity);
    return new SigningIdentity(
        id, (ECPrivateKey) kp.getPrivate(), List.of(cert, root.certificate()));
  }

  /** When a key superseded at {@code now} may stop verifying. */
  private Instant retirement(Issuer issuer, Instant now) {
    Instant latest = now;
    for (CredentialType t : issuer.credentialTypes()) {
      Instant exp = now.atZone(ZoneOffset.UTC).plus(t.validity()).toInstant();
      if (exp.isAfter(latest)) {
        latest = exp;
      }
    }
    return latest.plus(properties.statusList().validity());
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
