package ca.idnum.wallet.verifier;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.server.crypto.EnvelopeEncryption;
import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Presentation transactions in the {@link ShortLivedStore} (Redis in production, in-process on the
 * embedded default), shared by every node: by transaction id for the relying body, by request id
 * for the Wallet, and a single-use marker per request. The ephemeral response decryption key is
 * sealed under the KEK before it is stored.
 */
@Component
public final class Transactions {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final ShortLivedStore store;
  private final EnvelopeEncryption encryption;
  private final VerifierProperties properties;
  private final Clock clock;

  public Transactions(
      ShortLivedStore store,
      EnvelopeEncryption encryption,
      VerifierProperties properties,
      Clock clock) {
    this.store = store;
    this.encryption = encryption;
    this.properties = properties;
    this.clock = clock;
  }

  /** A random URL-safe token of 256 bits. */
  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }

  static String sha256(String s) {
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates and stores a pending transaction. */
  Transaction create(
      RelyingBody body,
      Map<String, Object> dcql,
      String responseMode,
      String redirectUri,
      Duration ttl) {
    Instant now = clock.instant();
    String id = token();
    String requestId = token();
    String sealed = null;
    if ("direct_post.jwt".equals(responseMode)) {
      sealed = seal(requestId, newEncryptionKey());
    }
    Transaction t =
        new Transaction(
            id,
            requestId,
            body.body(),
            token(),
            token(),
            dcql,
            responseMode,
            sealed,
            now,
            now.plus(ttl),
            redirectUri,
            Transaction.PENDING,
            null,
            null,
            null);
    Duration keep = ttl.plus(properties.resultTtl());
    store.put(txKey(id), JSONObjectUtils.toJSONString(t.toJson()), keep);
    store.put(reqKey(requestId), id, keep);
    return t;
  }

  /** The transaction {@code id} of {@code body}. */
  Optional<Transaction> find(String body, String id) {
    return read(store.get(txKey(id))).filter(t -> t.body().equals(body));
  }

  /** The transaction behind a public request id. */
  Optional<Transaction> byRequest(String requestId) {
    return store.get(reqKey(requestId)).flatMap(id -> read(store.get(txKey(id))));
  }

  /** Marks the request as answered; true for the first caller only (single use). */
  boolean claim(Transaction t) {
    Duration left = Duration.between(clock.instant(), t.expiresAt()).plus(properties.resultTtl());
    if (left.isNegative() || left.isZero()) {
      left = Duration.ofSeconds(1);
    }
    return store.putIfAbsent("vp:used:" + t.requestId(), "1", left);
  }

  /** Stores the outcome. */
  void save(Transaction t) {
    Duration keep = properties.resultTtl();
    store.put(txKey(t.id()), JSONObjectUtils.toJSONString(t.toJson()), keep);
  }

  /** The public key of the transaction's ephemeral encryption key. */
  ECKey publicKey(Transaction t) {
    return privateKey(t).toPublicJWK();
  }

  /** The transaction's ephemeral private key. */
  ECKey privateKey(Transaction t) {
    byte[] json =
        encryption.decrypt(Base64.getDecoder().decode(t.encryptionKey()), aad(t.requestId()));
    try {
      return ECKey.parse(new String(json, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IllegalStateException("stored key unreadable", e);
    } finally {
      java.util.Arrays.fill(json, (byte) 0);
    }
  }

  private String seal(String requestId, ECKey key) {
    return Base64.getEncoder()
        .encodeToString(
            encryption.encrypt(
                key.toJSONString().getBytes(StandardCharsets.UTF_8), aad(requestId)));
  }

  private static ECKey newEncryptionKey() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.ENCRYPTION)
          .algorithm(JWEAlgorithm.ECDH_ES)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an ephemeral key", e);
    }
  }

  private static byte[] aad(String requestId) {
    return ("vp_response_key:" + requestId).getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<Transaction> read(Optional<String> json) {
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Transaction.fromJson(JsonObjects.parse(json.get())));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String txKey(String id) {
    return "vp:tx:" + sha256(id);
  }

  private static String reqKey(String requestId) {
    return "vp:req:" + sha256(requestId);
  }
}
