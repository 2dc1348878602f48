package ca.idnum.wallet.issuance;

import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.wallet.config.WalletProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Opaque, DPoP-bound access tokens of the credential endpoint, and {@code c_nonce} values. Only a
 * digest of each token is stored.
 */
@Component
public final class AccessTokens {

  private final ShortLivedStore store;
  private final WalletProperties properties;

  public AccessTokens(ShortLivedStore store, WalletProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /**
   * What a token allows.
   *
   * @param issuer the issuing body
   * @param credentialConfigurationIds the credential configurations it covers
   * @param subject the register subject
   * @param jkt the thumbprint of the DPoP key it is bound to
   * @param scoped whether it is a SAG access token whose {@code scope} selects the configurations
   *     (a configuration outside it is {@code insufficient_scope}), rather than an offer's token
   */
  public record TokenGrant(
      String issuer,
      List<String> credentialConfigurationIds,
      String subject,
      String jkt,
      boolean scoped) {}

  /** Issues a token for {@code grant}. */
  public String issue(TokenGrant grant) {
    String token = Randoms.token();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", grant.issuer());
    m.put("ids", grant.credentialConfigurationIds());
    m.put("subject", grant.subject());
    m.put("jkt", grant.jkt());
    store.put(key(token), ShortLivedJson.write(m), properties.accessTokenTtl());
    return token;
  }

  /** The grant of a live token. */
  public Optional<TokenGrant> find(String token) {
    return ShortLivedJson.read(store.get(key(token)))
        .map(
            m -> {
              @SuppressWarnings("unchecked")
              List<String> ids = (List<String>) m.get("ids");
              return new TokenGrant(
                  (String) m.get("issuer"),
                  ids,
                  (String) m.get("subject"),
                  (String) m.get("jkt"),
                  false);
            });
  }

  /** A fresh {@code c_nonce} for {@code issuer}. */
  public String newNonce(String issuer) {
    String nonce = Randoms.token();
    store.put(nonceKey(nonce), issuer, properties.nonceTtl());
    return nonce;
  }

  /** Consumes a {@code c_nonce}: true once, if it was issued by {@code issuer} and is live. */
  public boolean consumeNonce(String issuer, String nonce) {
    return store.take(nonceKey(nonce)).map(issuer::equals).orElse(false);
  }

  /**
   * A {@code notification_id} for the credentials of one response, usable by the holder of the DPoP
   * key {@code jkt} while the access token lives.
   */
  public String newNotificationId(String issuer, String jkt, List<String> credentialIds) {
    String id = Randoms.token();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", issuer);
    m.put("jkt", jkt);
    m.put("ids", credentialIds);
    store.put(
        "wallet:notification:" + DpopVerifier.sha256(id),
        ShortLivedJson.write(m),
        properties.accessTokenTtl().multipliedBy(2));
    return id;
  }

  /** The credential record ids of a notification id issued to {@code issuer} and {@code jkt}. */
  public Optional<List<java.util.UUID>> notification(String id, String issuer, String jkt) {
    return ShortLivedJson.read(store.get("wallet:notification:" + DpopVerifier.sha256(id)))
        .filter(m -> issuer.equals(m.get("issuer")) && jkt.equals(m.get("jkt")))
        .map(
            m -> {
              @SuppressWarnings("unchecked")
              List<String> ids = (List<String>) m.get("ids");
              return ids.stream().map(java.util.UUID::fromString).toList();
            });
  }

  /**
   * A deferred issuance (OpenID4VCI 1.0 §9): what to issue once the register answers.
   *
   * @param issuer the issuing body
   * @param credentialConfigurationId the credential type
   * @param subject the register subject
   * @param jkt the DPoP key of the access token that may collect it
   * @param holderKeys the proven holder keys
   */
  public record Deferral(
      String issuer,
      String credentialConfigurationId,
      String subject,
      String jkt,
      List<HolderKey> holderKeys) {}

  /** Records a deferral; returns its {@code transaction_id}. */
  public String defer(Deferral d) {
    String id = Randoms.token();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issuer", d.issuer());
    m.put("type", d.credentialConfigurationId());
    m.put("subject", d.subject());
    m.put("jkt", d.jkt());
    m.put("keys", d.holderKeys().stream().map(k -> k.key().toJSONObject()).toList());
    m.put("thumbprints", d.holderKeys().stream().map(HolderKey::thumbprint).toList());
    store.put(deferralKey(id), ShortLivedJson.write(m), properties.accessTokenTtl());
    return id;
  }

  /** The deferral of {@code transactionId} for this issuer and DPoP key. */
  public Optional<Deferral> deferral(String transactionId, String issuer, String jkt) {
    return ShortLivedJson.read(store.get(deferralKey(transactionId)))
        .filter(m -> issuer.equals(m.get("issuer")) && jkt.equals(m.get("jkt")))
        .flatMap(AccessTokens::toDeferral);
  }

  /** Ends a deferral: true for exactly one caller. */
  public boolean completeDeferral(String transactionId) {
    return store.take(deferralKey(transactionId)).isPresent();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Deferral> toDeferral(Map<String, Object> m) {
    try {
      List<Map<String, Object>> keys = (List<Map<String, Object>>) m.get("keys");
      List<String> thumbprints = (List<String>) m.get("thumbprints");
      List<HolderKey> holders = new java.util.ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        holders.add(
            new HolderKey(com.nimbusds.jose.jwk.JWK.parse(keys.get(i)), thumbprints.get(i)));
      }
      return Optional.of(
          new Deferral(
              (String) m.get("issuer"),
              (String) m.get("type"),
              (String) m.get("subject"),
              (String) m.get("jkt"),
              holders));
    } catch (java.text.ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String deferralKey(String id) {
    return "wallet:deferred:" + DpopVerifier.sha256(id);
  }

  private static String key(String token) {
    return "wallet:at:" + DpopVerifier.sha256(token);
  }

  private static String nonceKey(String nonce) {
    return "wallet:nonce:" + DpopVerifier.sha256(nonce);
  }
}
