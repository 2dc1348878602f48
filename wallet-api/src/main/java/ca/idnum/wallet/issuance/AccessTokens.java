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
   */
  public record TokenGrant(
      String issuer, List<String> credentialConfigurationIds, String subject, String jkt) {}

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
                  (String) m.get("issuer"), ids, (String) m.get("subject"), (String) m.get("jkt"));
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

  private static String key(String token) {
    return "wallet:at:" + DpopVerifier.sha256(token);
  }

  private static String nonceKey(String nonce) {
    return "wallet:nonce:" + DpopVerifier.sha256(nonce);
  }
}
