package ca.idnum.wallet.issuance;

import ca.idnum.sdk.sdjwt.SdJwt;
import ca.idnum.sdk.sdjwt.SdJwtIssuer;
import ca.idnum.sdk.sdjwtvc.SdJwtVc;
import ca.idnum.sdk.sdjwtvc.SdJwtVcClaims;
import ca.idnum.sdk.sdjwtvc.SdJwtVcIssuer;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.issuer.SigningIdentity;
import ca.idnum.wallet.register.Register;
import ca.idnum.wallet.register.RegisterException;
import ca.idnum.wallet.register.Registers;
import ca.idnum.wallet.statuslist.IssuedCredential;
import ca.idnum.wallet.statuslist.StatusListService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The token and credential endpoints' logic (OpenID4VCI 1.0 §6 and §8): redeems pre-authorized
 * codes for DPoP-bound tokens, validates key proofs, fetches the claims from the body's register
 * and issues one SD-JWT VC per proof, each bound to its own holder key and listed at a random
 * status index. Only metadata of what was issued is kept.
 */
@Service
public final class CredentialIssuance {

  private final IssuerDirectory issuers;
  private final CredentialTypeCatalog catalog;
  private final CredentialOffers offers;
  private final AccessTokens tokens;
  private final ProofVerifier proofs;
  private final Registers registers;
  private final StatusListService statusLists;
  private final WalletProperties properties;
  private final Clock clock;
  private final TxCodeAttempts txCodeAttempts;

  public CredentialIssuance(
      IssuerDirectory issuers,
      CredentialTypeCatalog catalog,
      CredentialOffers offers,
      AccessTokens tokens,
      ProofVerifier proofs,
      Registers registers,
      StatusListService statusLists,
      WalletProperties properties,
      Clock clock,
      TxCodeAttempts txCodeAttempts) {
    this.issuers = issuers;
    this.catalog = catalog;
    this.offers = offers;
    this.tokens = tokens;
    this.proofs = proofs;
    this.registers = registers;
    this.statusLists = statusLists;
    this.properties = properties;
    this.clock = clock;
    this.txCodeAttempts = txCodeAttempts;
  }

  /**
   * Exchanges a pre-authorized code (and its {@code tx_code}) for an access token bound to {@code
   * jkt}. Wrong codes count against the offer and against the client address.
   */
  public Map<String, Object> token(
      Issuer issuer, String code, String txCode, String jkt, String clientAddress) {
    txCodeAttempts.checkAddress(clientAddress);
    if (code == null || code.isBlank()) {
      throw new IssuanceException(
          new IssuanceError.InvalidRequest("pre-authorized_code is required"));
    }
    CredentialOffers.Grant grant =
        offers
            .peek(code)
            .filter(g -> g.issuer().equals(issuer.body()))
            .orElseThrow(() -> invalidGrant());
    if (grant.txCodeDigest() != null
        && (txCode == null
            || !constantTimeEquals(grant.txCodeDigest(), DpopVerifier.sha256(txCode)))) {
      offers.wrongTxCode(code);
      txCodeAttempts.wrongCode(clientAddress);
      throw new IssuanceException(new IssuanceError.InvalidGrant("wrong or missing tx_code"));
    }
    if (grant.txCodeDigest() == null && txCode != null) {
      throw new IssuanceException(new IssuanceError.InvalidRequest("this offer has no tx_code"));
    }
    CredentialOffers.Grant redeemed = offers.redeem(code).orElseThrow(() -> invalidGrant());
    String accessToken =
        tokens.issue(
            new AccessTokens.TokenGrant(
                redeemed.issuer(),
                redeemed.credentialConfigurationIds(),
                redeemed.subject(),
                jkt,
                false));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("access_token", accessToken);
    response.put("token_type", "DPoP");
    response.put("expires_in", properties.accessTokenTtl().toSeconds());
    List<Map<String, Object>> details = new ArrayList<>();
    for (String id : redeemed.credentialConfigurationIds()) {
      details.add(Map.of("type", "openid_credential", "credential_configuration_id", id));
    }
    response.put("authorization_details", details);
    return response;
  }

  /**
   * Issues credentials for a validated access token.
   *
   * @param grant the token's grant
   * @param request the parsed JSON body of the credential request
   * @return the credential response
   */
  public Map<String, Object> credential(
      Issuer issuer, AccessTokens.TokenGrant grant, Map<String, Object> request) {
    if (request.containsKey("credential_identifier")) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest(
              "credential identifiers are not used by this issuer; send credential_configuration_id"));
    }
    if (!(request.get("credential_configuration_id") instanceof String configId)) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("credential_configuration_id is required"));
    }
    CredentialType type =
        issuer
            .credentialType(configId)
            .orElseThrow(
                () ->
                    new IssuanceException(
                        new IssuanceError.UnknownCredentialConfiguration(
                            "this issuer does not offer " + safe(configId))));
    if (!grant.credentialConfigurationIds().contains(configId)) {
      if (grant.scoped()) {
        throw new IssuanceException(
            new IssuanceError.InsufficientScope(
                "the access token scope does not include " + type.scope()));
      }
      throw new IssuanceException(
          new IssuanceError.UnknownCredentialConfiguration(
              "the access token does not cover " + configId));
    }
    if (request.containsKey("proof")) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("use proofs (OpenID4VCI 1.0), not proof"));
    }
    List<String> jwtProofs = jwtProofs(request.get("proofs"));
    List<ProofVerifier.ValidProof> valid = new ArrayList<>();
    Set<String> thumbprints = new HashSet<>();
    String nonce = null;
    for (String p : jwtProofs) {
      ProofVerifier.ValidProof v = proofs.verify(p, issuer.issuerId());
      if (nonce != null && !nonce.equals(v.nonce())) {
        throw new IssuanceException(
            new IssuanceError.InvalidNonce("the proofs carry different nonces"));
      }
      nonce = v.nonce();
      if (!thumbprints.add(v.thumbprint())) {
        throw new IssuanceException(
            new IssuanceError.InvalidProof("each proof of a batch must use a distinct key"));
      }
      valid.add(v);
    }
    if (!tokens.consumeNonce(issuer.body(), nonce)) {
      throw new IssuanceException(
          new IssuanceError.InvalidNonce("the nonce is unknown, expired or already used"));
    }
    List<HolderKey> holders =
        valid.stream().map(v -> new HolderKey(v.holderKey(), v.thumbprint())).toList();
    Map<String, Object> claims;
    try {
      claims = claimsFor(issuer, type, grant.subject());
    } catch (RegisterException unavailable) {
      String transactionId =
          tokens.defer(
              new AccessTokens.Deferral(
                  issuer.body(), type.id(), grant.subject(), grant.jkt(), holders));
      return pending(transactionId);
    }
    return issue(issuer, type, grant.subject(), grant.jkt(), holders, claims);
  }

  /** The seconds a wallet should wait before polling the deferred credential endpoint. */
  static final int DEFERRED_INTERVAL_SECONDS = 5;

  /** Whether a credential or deferred response is a pending one ({@code 202}). */
  public static boolean isPending(Map<String, Object> response) {
    return response.containsKey("transaction_id");
  }

  private static Map<String, Object> pending(String transactionId) {
    return Map.of("transaction_id", transactionId, "interval", DEFERRED_INTERVAL_SECONDS);
  }

  /**
   * The deferred credential endpoint (OpenID4VCI 1.0 §9): asks the register again; issues when it
   * answers, otherwise answers pending with the same {@code transaction_id}.
   */
  public Map<String, Object> deferred(
      Issuer issuer, AccessTokens.TokenGrant grant, Map<String, Object> request) {
    if (!(request.get("transaction_id") instanceof String transactionId)
        || transactionId.isEmpty()) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest("transaction_id is required"));
    }
    AccessTokens.Deferral d =
        tokens
            .deferral(transactionId, issuer.body(), grant.jkt())
            .orElseThrow(
                () ->
                    new IssuanceException(
                        new IssuanceError.InvalidTransactionId(
                            "the transaction is unknown, expired or finished")));
    CredentialType type = issuer.credentialType(d.credentialConfigurationId()).orElseThrow();
    Map<String, Object> claims;
    try {
      claims = claimsFor(issuer, type, d.subject());
    } catch (RegisterException unavailable) {
      return pending(transactionId);
    }
    if (!tokens.completeDeferral(transactionId)) {
      throw new IssuanceException(
          new IssuanceError.InvalidTransactionId("the transaction is finished"));
    }
    return issue(issuer, type, d.subject(), d.jkt(), d.holderKeys(), claims);
  }

  private Map<String, Object> issue(
      Issuer issuer,
      CredentialType type,
      String subject,
      String jkt,
      List<HolderKey> holders,
      Map<String, Object> claims) {
    SigningIdentity identity = issuers.signingIdentity(issuer);
    SdJwtVcIssuer sdJwtVcIssuer =
        new SdJwtVcIssuer(
            SdJwtIssuer.builder(identity.signer())
                .type(SdJwtVc.TYPE)
                .keyId(identity.publicJwk().getKeyID())
                .x509CertChain(identity.x5c().subList(0, 1))
                .build());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant exp = now.atZone(ZoneOffset.UTC).plus(type.validity()).toInstant();
    String vct = catalog.vct(type);
    List<Map<String, Object>> credentials = new ArrayList<>();
    List<String> recordIds = new ArrayList<>();
    for (HolderKey v : holders) {
      IssuedCredential record =
          statusLists.allocate(issuer, type.id(), vct, subject, v.thumbprint(), now, exp);
      SdJwtVcClaims.Builder b =
          SdJwtVcClaims.builder(vct)
              .issuer(issuer.issuerId())
              .issuedAt(now)
              .expiresAt(exp)
              .holderKey(v.key())
              .status(
                  Map.of(
                      "status_list",
                      Map.of(
                          "idx",
                          record.statusIdx(),
                          "uri",
                          statusLists.listUri(issuer, record.statusListId()))));
      claims.forEach(b::claim);
      SdJwt sdJwt = sdJwtVcIssuer.issue(b.build(), type.disclosurePolicy(claims));
      credentials.add(Map.of("credential", sdJwt.serialize()));
      recordIds.add(record.id().toString());
    }
    return Map.of(
        "credentials",
        credentials,
        "notification_id",
        tokens.newNotificationId(issuer.body(), jkt, recordIds));
  }

  /** The wallet's notification events (OpenID4VCI 1.0 §11.1). */
  private static final java.util.Set<String> EVENTS =
      java.util.Set.of("credential_accepted", "credential_failure", "credential_deleted");

  /**
   * Records a wallet's notification (OpenID4VCI 1.0 §11) about the credentials of one credential
   * response: the event, never its free-text description.
   */
  public void notification(
      Issuer issuer, AccessTokens.TokenGrant grant, Map<String, Object> request) {
    if (!(request.get("notification_id") instanceof String id) || id.isEmpty()) {
      throw new IssuanceException(
          new IssuanceError.InvalidNotificationRequest("notification_id is required"));
    }
    if (!(request.get("event") instanceof String event) || !EVENTS.contains(event)) {
      throw new IssuanceException(
          new IssuanceError.InvalidNotificationRequest(
              "event must be credential_accepted, credential_failure or credential_deleted"));
    }
    if (request.containsKey("event_description")
        && !(request.get("event_description") instanceof String)) {
      throw new IssuanceException(
          new IssuanceError.InvalidNotificationRequest("event_description is a string"));
    }
    List<java.util.UUID> ids =
        tokens
            .notification(id, issuer.body(), grant.jkt())
            .orElseThrow(
                () ->
                    new IssuanceException(
                        new IssuanceError.InvalidNotificationId("unknown notification_id")));
    statusLists.recordWalletEvent(issuer.body(), ids, event);
  }

  private Map<String, Object> claimsFor(Issuer issuer, CredentialType type, String subject) {
    Register register = registers.of(issuer.body()).orElseThrow();
    Map<String, Object> fromRegister;
    try {
      fromRegister = new LinkedHashMap<>(register.claims(subject));
    } catch (RegisterException e) {
      throw new IssuanceException(
          switch (e.failure()) {
            case SUBJECT_UNKNOWN ->
                new IssuanceError.CredentialRequestDenied("the register does not know this person");
            case UNAVAILABLE -> throw e;
            case MALFORMED ->
                new IssuanceError.TemporarilyUnavailable(
                    "the issuer's register cannot answer now; try again later");
          });
    }
    List<Integer> thresholds = type.ageThresholds();
    if (!thresholds.isEmpty() && fromRegister.get("birthdate") instanceof String birth) {
      LocalDate born;
      try {
        born = LocalDate.parse(birth);
      } catch (DateTimeParseException e) {
        throw new IssuanceException(
            new IssuanceError.TemporarilyUnavailable(
                "the register answered an invalid birth date"));
      }
      int age =
          Period.between(born, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).getYears();
      for (int t : thresholds) {
        fromRegister.putIfAbsent("age_over_" + t, age >= t);
      }
    }
    Map<String, Object> selected = type.select(fromRegister);
    if (selected.isEmpty()) {
      throw new IssuanceException(
          new IssuanceError.CredentialRequestDenied(
              "the register holds nothing for this credential"));
    }
    return selected;
  }

  private List<String> jwtProofs(Object proofsObject) {
    if (!(proofsObject instanceof Map<?, ?> proofsMap)) {
      throw new IssuanceException(new IssuanceError.InvalidProof("proofs is required"));
    }
    if (proofsMap.size() != 1 || !(proofsMap.get("jwt") instanceof List<?> list)) {
      throw new IssuanceException(
          new IssuanceError.InvalidProof("proofs must hold exactly one proof type: jwt"));
    }
    if (list.isEmpty()) {
      throw new IssuanceException(new IssuanceError.InvalidProof("proofs.jwt is empty"));
    }
    if (list.size() > properties.batchSize()) {
      throw new IssuanceException(
          new IssuanceError.InvalidCredentialRequest(
              "at most " + properties.batchSize() + " proofs per request"));
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new IssuanceException(new IssuanceError.InvalidProof("a jwt proof is a string"));
      }
      out.add(s);
    }
    return out;
  }

  private static IssuanceException invalidGrant() {
    return new IssuanceException(
        new IssuanceError.InvalidGrant(
            "the pre-authorized code is unknown, expired or already used"));
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static String safe(String s) {
    return s.length() > 64 || !s.matches("[A-Za-z0-9_.:-]*") ? "this configuration" : s;
  }
}
