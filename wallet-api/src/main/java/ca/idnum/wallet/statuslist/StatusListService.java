package ca.idnum.wallet.statuslist;

import ca.idnum.sdk.statuslist.SignerKeyReference;
import ca.idnum.sdk.statuslist.StatusBits;
import ca.idnum.sdk.statuslist.StatusListBuilder;
import ca.idnum.sdk.statuslist.StatusListTokenIssuer;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.issuer.SigningIdentity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status lists (IETF Token Status List, 2 bits per entry: VALID, INVALID, SUSPENDED), numbered 1,
 * 2, ... per issuer. Each issued credential takes a random free index in the issuer's newest list,
 * never given again (rows are never deleted); when random draws keep hitting taken indexes (the
 * list is about 90 % full) the next list is opened, so an issuer never runs out. A status change
 * bumps the version of the lists it touches, so the next list token served reflects it. List tokens
 * are signed by the issuer's key and cached per version.
 */
@Service
public final class StatusListService {

  /** The first list of every issuer. */
  public static final int FIRST_LIST = 1;

  /** Lists one issuance may open when the newest is full (normally at most one). */
  private static final int MAX_NEW_LISTS = 2;

  private static final int MAX_INDEX_TRIES = 32;

  private final JdbcClient jdbc;
  private final IssuerDirectory issuers;
  private final WalletProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SignedList> cache = new ConcurrentHashMap<>();

  public StatusListService(
      JdbcClient jdbc,
      IssuerDirectory issuers,
      WalletProperties properties,
      Clock clock,
      TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.issuers = issuers;
    this.properties = properties;
    this.clock = clock;
  }

  /** A signed list token with the version it reflects and when it was signed. */
  public record SignedList(long version, String token, Instant signedAt) {}

  /** The URI of an issuer's status list. */
  public String listUri(Issuer issuer, int listId) {
    return issuer.issuerId() + "/status-lists/" + listId;
  }

  /** The digest under which a register subject is kept. */
  public static String subjectDigest(String issuer, String subject) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((issuer + "\u0000" + subject).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records a credential about to be issued and returns it with its random, never-used status
   * index.
   */
  public IssuedCredential allocate(
      Issuer issuer,
      String credentialConfigurationId,
      String vct,
      String subject,
      String holderJkt,
      Instant issuedAt,
      Instant expiresAt) {
    CurrentList list =
        newestList(issuer.body())
            .orElseGet(
                () -> {
                  ensureList(issuer.body(), FIRST_LIST);
                  return newestList(issuer.body()).orElseThrow();
                });
    for (int opened = 0; opened <= MAX_NEW_LISTS; opened++) {
      Optional<IssuedCredential> placed =
          place(
              issuer,
              list,
              credentialConfigurationId,
              vct,
              subject,
              holderJkt,
              issuedAt,
              expiresAt);
      if (placed.isPresent()) {
        return placed.get();
      }
      ensureList(issuer.body(), list.id() + 1);
      list = newestList(issuer.body()).orElseThrow();
    }
    throw new IllegalStateException("no free status index for " + issuer.body());
  }

  /** An issuer's newest list and its size. */
  private record CurrentList(int id, int size) {}

  private Optional<CurrentList> newestList(String issuer) {
    return jdbc.sql(
            "SELECT list_id, size FROM status_list WHERE issuer = :issuer"
                + " AND list_id = (SELECT MAX(list_id) FROM status_list WHERE issuer = :issuer)")
        .param("issuer", issuer)
        .query((rs, n) -> new CurrentList(rs.getInt(1), rs.getInt(2)))
        .optional();
  }

  /** Tries random indexes of {@code list}; empty when they are all taken (the list is full). */
  private Optional<IssuedCredential> place(
      Issuer issuer,
      CurrentList list,
      String credentialConfigurationId,
      String vct,
      String subject,
      String holderJkt,
      Instant issuedAt,
      Instant expiresAt) {
    for (int i = 0; i < MAX_INDEX_TRIES; i++) {
      IssuedCredential c =
          new IssuedCredential(
              UUID.randomUUID(),
              issuer.body(),
              credentialConfigurationId,
              vct,
              holderJkt,
              list.id(),
              random.nextInt(list.size()),
              TokenStatus.VALID,
              issuedAt,
              expiresAt,
              null);
      try {
        jdbc.sql(
                "INSERT INTO issued_credential (id, issuer, credential_configuration_id, vct,"
                    + " subject_digest, holder_jkt, status_list_id, status_idx, status, issued_at,"
                    + " expires_at) VALUES (:id, :issuer, :cfg, :vct, :subject, :jkt, :list, :idx,"
                    + " 0, :iat, :exp)")
            .param("id", c.id())
            .param("issuer", c.issuer())
            .param("cfg", c.credentialConfigurationId())
            .param("vct", c.vct())
            .param("subject", subjectDigest(issuer.body(), subject))
            .param("jkt", c.holderJkt())
            .param("list", c.statusListId())
            .param("idx", c.statusIdx())
            .param("iat", Timestamp.from(c.issuedAt()))
            .param("exp", Timestamp.from(c.expiresAt()))
            .update();
        return Optional.of(c);
      } catch (DuplicateKeyException taken) {
        // index already given: draw another
      }
    }
    return Optional.empty();
  }

  /** The credentials issued by {@code issuer} about {@code subject}. */
  public List<IssuedCredential> bySubject(String issuer, String subject) {
    return jdbc.sql(
            "SELECT * FROM issued_credential WHERE issuer = :issuer AND subject_digest = :s"
                + " ORDER BY issued_at")
        .param("issuer", issuer)
        .param("s", subjectDigest(issuer, subject))
        .query((rs, n) -> map(rs))
        .list();
  }

  /** One credential issued by {@code issuer}. */
  public Optional<IssuedCredential> find(String issuer, UUID id) {
    return jdbc.sql("SELECT * FROM issued_credential WHERE issuer = :issuer AND id = :id")
        .param("issuer", issuer)
        .param("id", id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /**
   * Sets the status of the given credentials; INVALID is final (a revoked credential is never
   * reinstated). Returns how many changed.
   */
  public int setStatus(String issuer, List<UUID> ids, TokenStatus status) {
    Integer n = transactions.execute(tx -> setStatusInTransaction(issuer, ids, status));
    return n == null ? 0 : n;
  }

  private int setStatusInTransaction(String issuer, List<UUID> ids, TokenStatus status) {
    int changed = 0;
    for (UUID id : ids) {
      changed +=
          jdbc.sql(
                  "UPDATE issued_credential SET status = :status, status_changed_at = :at"
                      + " WHERE issuer = :issuer AND id = :id AND status <> 1 AND status <> :status")
              .param("status", status.value())
              .param("at", Timestamp.from(clock.instant()))
              .param("issuer", issuer)
              .param("id", id)
              .update();
    }
    if (changed > 0) {
      jdbc.sql(
              "UPDATE status_list SET version = version + 1, updated_at = :at"
                  + " WHERE issuer = :issuer AND list_id IN (SELECT status_list_id FROM"
                  + " issued_credential WHERE issuer = :issuer AND id IN (:ids))")
          .param("at", Timestamp.from(clock.instant()))
          .param("issuer", issuer)
          .param("ids", ids)
          .update();
    }
    return changed;
  }

  /** Records the last event a wallet reported for these credentials (notification endpoint). */
  public void recordWalletEvent(String issuer, List<UUID> ids, String event) {
    for (UUID id : ids) {
      jdbc.sql(
              "UPDATE issued_credential SET wallet_event = :event, wallet_event_at = :at"
                  + " WHERE issuer = :issuer AND id = :id")
          .param("event", event)
          .param("at", Timestamp.from(clock.instant()))
          .param("issuer", issuer)
          .param("id", id)
          .update();
    }
  }

  /** The current list token of {@code issuer}, re-signed only when the list changed. */
  public Optional<SignedList> currentToken(Issuer issuer, int listId) {
    Optional<long[]> row =
        jdbc.sql("SELECT version, size FROM status_list WHERE issuer = :issuer AND list_id = :list")
            .param("issuer", issuer.body())
            .param("list", listId)
            .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)})
            .optional();
    if (row.isEmpty()) {
      if (listId != FIRST_LIST) {
        return Optional.empty();
      }
      ensureList(issuer.body(), FIRST_LIST);
      return currentToken(issuer, listId);
    }
    long version = row.get()[0];
    int size = (int) row.get()[1];
    String key = issuer.body() + "/" + listId;
    SignedList cached = cache.get(key);
    Instant now = clock.instant();
    if (cached != null && cached.version() == version && !stale(cached, now)) {
      return Optional.of(cached);
    }
    SignedList fresh = new SignedList(version, sign(issuer, listId, size), now);
    cache.put(key, fresh);
    return Optional.of(fresh);
  }

  private boolean stale(SignedList cached, Instant now) {
    // re-sign well before exp so that a cached token always has most of its validity left
    return now.isAfter(cached.signedAt().plus(properties.statusList().validity().dividedBy(2)));
  }

  private String sign(Issuer issuer, int listId, int size) {
    StatusListBuilder builder = new StatusListBuilder(StatusBits.TWO, size);
    jdbc.sql(
            "SELECT status_idx, status FROM issued_credential WHERE issuer = :issuer"
                + " AND status_list_id = :list AND status <> 0")
        .param("issuer", issuer.body())
        .param("list", listId)
        .query(
            rs -> {
              builder.set(rs.getInt(1), TokenStatus.of(rs.getInt(2)));
            });
    SigningIdentity identity = issuers.signingIdentity(issuer);
    StatusListTokenIssuer tokenIssuer =
        new StatusListTokenIssuer(
            identity.signer(),
            JWSAlgorithm.ES256,
            new SignerKeyReference.CertificateChain(List.of(identity.certificate())),
            clock);
    try {
      return tokenIssuer.issue(
          URI.create(listUri(issuer, listId)),
          builder.build(),
          properties.statusList().validity(),
          properties.statusList().ttl());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the status list", e);
    }
  }

  private void ensureList(String issuer, int listId) {
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM status_list WHERE issuer = :issuer AND list_id = :list")
                .param("issuer", issuer)
                .param("list", listId)
                .query(Integer.class)
                .single()
            > 0;
    if (!exists) {
      try {
        jdbc.sql(
                "INSERT INTO status_list (issuer, list_id, size, version, updated_at)"
                    + " VALUES (:issuer, :list, :size, 0, :at)")
            .param("issuer", issuer)
            .param("list", listId)
            .param("size", properties.statusList().size())
            .param("at", Timestamp.from(clock.instant()))
            .update();
      } catch (DuplicateKeyException raced) {
        // another node created it
      }
    }
  }

  private static IssuedCredential map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new IssuedCredential(
        rs.getObject("id", UUID.class),
        rs.getString("issuer"),
        rs.getString("credential_configuration_id"),
        rs.getString("vct"),
        rs.getString("holder_jkt"),
        rs.getInt("status_list_id"),
        rs.getInt("status_idx"),
        TokenStatus.of(rs.getInt("status")),
        rs.getTimestamp("issued_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getString("wallet_event"));
  }
}
