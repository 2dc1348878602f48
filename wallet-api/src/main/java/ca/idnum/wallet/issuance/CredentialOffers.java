package ca.idnum.wallet.issuance;

import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.issuer.Issuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Credential offers with a pre-authorized code (OpenID4VCI 1.0 §4.1): created by an issuer's back
 * office through the admin API, served by reference at {@code credential_offer_uri}, redeemed once
 * at the token endpoint. The {@code tx_code} goes to the citizen by another channel; only its
 * digest is kept.
 */
@Component
public final class CredentialOffers {

  /** The pre-authorized code grant type. */
  public static final String PRE_AUTHORIZED_GRANT =
      "urn:ietf:params:oauth:grant-type:pre-authorized_code";

  private final ShortLivedStore store;
  private final WalletProperties properties;
  private final Clock clock;

  public CredentialOffers(ShortLivedStore store, WalletProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A created offer.
   *
   * @param offerId the id in {@code credential_offer_uri}
   * @param credentialOffer the offer object (by value)
   * @param credentialOfferUri where the offer is served (by reference)
   * @param deepLink the {@code openid-credential-offer://} link by reference (for the QR code)
   * @param deepLinkByValue the same link carrying the offer by value
   * @param txCode the transaction code to send out of band, or {@code null}
   * @param expiresAt when the offer and its code expire
   */
  public record CreatedOffer(
      String offerId,
      Map<String, Object> credentialOffer,
      String credentialOfferUri,
      String deepLink,
      String deepLinkByValue,
      String txCode,
      Instant expiresAt) {}

  /**
   * The state behind a pre-authorized code.
   *
   * @param issuer the issuing body
   * @param credentialConfigurationIds what may be issued
   * @param subject the subject in the issuer's register
   * @param txCodeDigest digest of the transaction code, or {@code null} when none is required
   * @param offerId the offer it came from
   */
  public record Grant(
      String issuer,
      List<String> credentialConfigurationIds,
      String subject,
      String txCodeDigest,
      String offerId) {}

  /** Creates an offer of {@code credentialConfigurationIds} about {@code subject}. */
  public CreatedOffer create(
      Issuer issuer, List<String> credentialConfigurationIds, String subject, boolean txCode) {
    String offerId = Randoms.token();
    String code = Randoms.token();
    String tx = txCode ? Randoms.digits(properties.txCodeLength()) : null;
    Map<String, Object> preAuth = new LinkedHashMap<>();
    preAuth.put("pre-authorized_code", code);
    preAuth.put("authorization_server", issuer.issuerId());
    if (tx != null) {
      preAuth.put(
          "tx_code",
          Map.of(
              "input_mode",
              "numeric",
              "length",
              tx.length(),
              "description",
              "Code reçu par courriel ou SMS / Code received by email or SMS"));
    }
    Map<String, Object> offer = new LinkedHashMap<>();
    offer.put("credential_issuer", issuer.issuerId());
    offer.put("credential_configuration_ids", List.copyOf(credentialConfigurationIds));
    offer.put("grants", Map.of(PRE_AUTHORIZED_GRANT, preAuth));
    Map<String, Object> grant = new LinkedHashMap<>();
    grant.put("issuer", issuer.body());
    grant.put("ids", List.copyOf(credentialConfigurationIds));
    grant.put("subject", subject);
    if (tx != null) {
      grant.put("tx", DpopVerifier.sha256(tx));
    }
    grant.put("offer", offerId);
    store.put(grantKey(code), ShortLivedJson.write(grant), properties.preAuthorizedCodeTtl());
    store.put(
        offerKey(issuer, offerId), ShortLivedJson.write(offer), properties.preAuthorizedCodeTtl());
    String uri = issuer.issuerId() + "/offers/" + offerId;
    return new CreatedOffer(
        offerId,
        offer,
        uri,
        "openid-credential-offer://?credential_offer_uri=" + encode(uri),
        "openid-credential-offer://?credential_offer=" + encode(ShortLivedJson.write(offer)),
        tx,
        clock.instant().plus(properties.preAuthorizedCodeTtl()));
  }

  /** The offer served at {@code credential_offer_uri}, while it has not been redeemed. */
  public Optional<Map<String, Object>> offer(Issuer issuer, String offerId) {
    return ShortLivedJson.read(store.get(offerKey(issuer, offerId)));
  }

  /** The grant behind a pre-authorized code, without consuming it. */
  public Optional<Grant> peek(String code) {
    return ShortLivedJson.read(store.get(grantKey(code))).map(CredentialOffers::toGrant);
  }

  /** Consumes a pre-authorized code: at most one caller gets the grant. */
  public Optional<Grant> redeem(String code) {
    Optional<Grant> grant =
        ShortLivedJson.read(store.take(grantKey(code))).map(CredentialOffers::toGrant);
    grant.ifPresent(g -> store.delete("wallet:offer:" + g.issuer() + ":" + g.offerId()));
    return grant;
  }

  /**
   * Counts a wrong transaction code; burns the code after {@code tx-code-max-attempts} failures so
   * that it cannot be guessed.
   */
  public void wrongTxCode(String code) {
    long failures =
        store.increment(
            "wallet:tx-fail:" + DpopVerifier.sha256(code), properties.preAuthorizedCodeTtl());
    if (failures >= properties.txCodeMaxAttempts()) {
      store.delete(grantKey(code));
    }
  }

  private static Grant toGrant(Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) m.get("ids");
    return new Grant(
        (String) m.get("issuer"),
        ids,
        (String) m.get("subject"),
        (String) m.get("tx"),
        (String) m.get("offer"));
  }

  private static String grantKey(String code) {
    return "wallet:preauth:" + DpopVerifier.sha256(code);
  }

  private static String offerKey(Issuer issuer, String offerId) {
    return "wallet:offer:" + issuer.body() + ":" + offerId;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
