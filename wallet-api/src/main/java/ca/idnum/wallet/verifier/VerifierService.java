package ca.idnum.wallet.verifier;

import ca.idnum.sdk.dcql.ClaimsQuery;
import ca.idnum.sdk.dcql.CredentialQuery;
import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vp.RequestObjectVerifier;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.history.PresentationLog;
import ca.idnum.wallet.history.PresentationRecord;
import ca.idnum.wallet.verifier.VerifierException.Kind;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The verifier service's use cases: create a transaction (refused when the query asks for more than
 * the body is registered for: minimal disclosure), serve its signed request object, receive and
 * verify the Wallet's response (single use, before expiry), and hand the result to the relying
 * body. Accepted presentations go to the citizen's history and the audit log.
 */
@Service
public final class VerifierService {

  private static final Logger log = LoggerFactory.getLogger(VerifierService.class);
  private static final List<String> KB_ALGS = List.of("ES256", "ES384", "ES512", "EdDSA");

  private final VerifierRegistry registry;
  private final Transactions transactions;
  private final PresentationVerification verification;
  private final PresentationLog history;
  private final AuditLog audit;
  private final VerifierProperties properties;
  private final WalletProperties wallet;
  private final Clock clock;
  private final HttpClient webhooks =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public VerifierService(
      VerifierRegistry registry,
      Transactions transactions,
      PresentationVerification verification,
      PresentationLog history,
      AuditLog audit,
      VerifierProperties properties,
      WalletProperties wallet,
      Clock clock) {
    this.registry = registry;
    this.transactions = transactions;
    this.verification = verification;
    this.history = history;
    this.audit = audit;
    this.properties = properties;
    this.wallet = wallet;
    this.clock = clock;
  }

  /**
   * A created transaction.
   *
   * @param transaction the stored transaction
   * @param clientId the client identifier
   * @param requestUri where the Wallet fetches the request object
   * @param deepLink the {@code openid4vp://} link
   */
  public record Created(
      Transaction transaction, String clientId, String requestUri, String deepLink) {}

  /** The relying body {@code body}. */
  public RelyingBody body(String body) {
    return registry
        .find(body)
        .orElseThrow(() -> new VerifierException(Kind.NOT_FOUND, "no such relying body"));
  }

  /** Creates a transaction for {@code body}. */
  public Created create(
      String bodyName,
      Map<String, Object> dcql,
      String responseMode,
      String redirectUri,
      Long expiresIn) {
    RelyingBody body = body(bodyName);
    if (dcql == null) {
      throw new VerifierException(Kind.INVALID_REQUEST, "dcql_query is required");
    }
    DcqlQuery query;
    try {
      query = DcqlQuery.parse(dcql);
    } catch (DcqlException e) {
      throw new VerifierException(Kind.INVALID_REQUEST, "invalid dcql_query: " + e.getMessage());
    }
    for (CredentialQuery cq : query.credentials()) {
      if (!cq.requireHolderBinding()) {
        throw new VerifierException(
            Kind.INVALID_REQUEST, "holder binding is always required by this verifier");
      }
      for (String vct : cq.vctValues()) {
        if (!body.allowedClaims().containsKey(vct)) {
          throw new VerifierException(
              Kind.ACCESS_DENIED, "this body is not registered to request credentials of " + vct);
        }
        for (ClaimsQuery claim : cq.claims()) {
          if (!body.mayRequest(vct, claim.path())) {
            throw new VerifierException(
                Kind.ACCESS_DENIED,
                "this body is not registered to request claim "
                    + claim.path()
                    + " of "
                    + vct
                    + " (minimal disclosure)");
          }
        }
      }
    }
    String mode = responseMode == null ? "direct_post.jwt" : responseMode;
    if (!mode.equals("direct_post.jwt") && !mode.equals("direct_post")) {
      throw new VerifierException(
          Kind.INVALID_REQUEST, "response_mode must be direct_post.jwt or direct_post");
    }
    if (redirectUri != null
        && body.redirectUris().stream().noneMatch(u -> u.toString().equals(redirectUri))) {
      throw new VerifierException(Kind.INVALID_REQUEST, "redirect_uri is not registered");
    }
    Duration ttl = properties.transactionTtl();
    if (expiresIn != null) {
      if (expiresIn < 1 || expiresIn > properties.maxTransactionTtl().toSeconds()) {
        throw new VerifierException(
            Kind.INVALID_REQUEST,
            "expires_in must be between 1 and " + properties.maxTransactionTtl().toSeconds());
      }
      ttl = Duration.ofSeconds(expiresIn);
    }
    Transaction t = transactions.create(body, query.toJson(), mode, redirectUri, ttl);
    String requestUri = requestUri(t.requestId());
    String clientId = body.clientId().toString();
    String link =
        "openid4vp://?client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&request_uri="
            + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
    audit.record(
        new AuditEvent(
            "presentation.requested",
            clock.instant(),
            null,
            bodyName,
            Map.of("credential_queries", String.valueOf(query.credentials().size()))));
    return new Created(t, clientId, requestUri, link);
  }

  /** The transaction of {@code body}. */
  public Transaction transaction(String body, String id, String responseCode) {
    Transaction t =
        transactions
            .find(body, id)
            .orElseThrow(() -> new VerifierException(Kind.NOT_FOUND, "no such transaction"));
    if (t.redirectUri() != null && !Transaction.PENDING.equals(t.status())) {
      if (responseCode == null
          || t.responseCodeDigest() == null
          || !MessageDigest.isEqual(
              Transactions.sha256(responseCode).getBytes(StandardCharsets.US_ASCII),
              t.responseCodeDigest().getBytes(StandardCharsets.US_ASCII))) {
        throw new VerifierException(
            Kind.INVALID_REQUEST, "same-device transactions need the response_code");
      }
    }
    return t;
  }

  /** Whether {@code t} can no longer be answered. */
  public boolean expired(Transaction t) {
    return !clock.instant().isBefore(t.expiresAt());
  }

  /** The signed request object (OpenID4VP 1.0 §5, RFC 9101) of a pending transaction. */
  public String requestObject(String requestId) {
    Transaction t = pending(requestId);
    RelyingBody body = body(t.body());
    Instant now = clock.instant();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("client_name", body.nameFr());
    meta.put("client_name#fr", body.nameFr());
    meta.put("client_name#en", body.nameEn());
    meta.put("purpose", body.purposeFr());
    meta.put("purpose#fr", body.purposeFr());
    meta.put("purpose#en", body.purposeEn());
    Map<String, Object> formats = new LinkedHashMap<>();
    formats.put("sd-jwt_alg_values", List.of("ES256", "ES384", "ES512"));
    formats.put("kb-jwt_alg_values", KB_ALGS);
    meta.put("vp_formats_supported", Map.of(DcqlQuery.SD_JWT_VC, formats));
    if ("direct_post.jwt".equals(t.responseMode())) {
      meta.put("jwks", new JWKSet(transactions.publicKey(t)).toJSONObject(true));
      meta.put("encrypted_response_enc_values_supported", List.of("A128GCM", "A256GCM"));
    }
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .audience("https://self-issued.me/v2")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(t.expiresAt()))
            .claim("client_id", body.clientId().toString())
            .claim("response_type", "vp_token")
            .claim("response_mode", t.responseMode())
            .claim("response_uri", responseUri(requestId))
            .claim("nonce", t.nonce())
            .claim("state", t.state())
            .claim("dcql_query", t.dcqlQuery())
            .claim("client_metadata", meta)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(RequestObjectVerifier.TYPE))
                .x509CertChain(body.identity().x5c())
                .build(),
            claims);
    try {
      jwt.sign(body.identity().signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the request object", e);
    }
    return jwt.serialize();
  }

  /**
   * Receives the Wallet's response at the transaction's {@code response_uri}; answers with the
   * {@code redirect_uri} (same device) or nothing, or refuses.
   */
  public Map<String, Object> receive(String requestId, Map<String, String> form) {
    Optional<Transaction> found = transactions.byRequest(requestId);
    if (found.isEmpty()) {
      throw refused(null, Refusal.UNKNOWN_TRANSACTION);
    }
    Transaction t = found.get();
    if (expired(t)) {
      throw refused(t, Refusal.TRANSACTION_EXPIRED);
    }
    if (!transactions.claim(t)) {
      throw refused(t, Refusal.REPLAYED);
    }
    RelyingBody body = body(t.body());
    PresentationVerification.Outcome outcome =
        verification.verify(t, body.clientId().toString(), form);
    String code = t.redirectUri() == null ? null : Transactions.token();
    String digest = code == null ? null : Transactions.sha256(code);
    Map<String, Object> answer = new LinkedHashMap<>();
    if (code != null) {
      answer.put("redirect_uri", withResponseCode(t.redirectUri(), code));
    }
    if (outcome instanceof PresentationVerification.Refused r) {
      transactions.save(t.finish(Transaction.REFUSED, r.refusal().code(), List.of(), digest));
      audit.record(
          new AuditEvent(
              "presentation.refused",
              clock.instant(),
              null,
              t.body(),
              Map.of("reason", r.refusal().code())));
      notifyWebhook(body, t, Transaction.REFUSED);
      if (r.refusal() == Refusal.DECLINED) {
        return answer;
      }
      throw refused(t, r.refusal());
    }
    PresentationVerification.Accepted a = (PresentationVerification.Accepted) outcome;
    transactions.save(t.finish(Transaction.ACCEPTED, null, a.credentials(), digest));
    Instant now = clock.instant();
    for (int i = 0; i < a.credentials().size(); i++) {
      Map<String, Object> c = a.credentials().get(i);
      @SuppressWarnings("unchecked")
      Map<String, Object> claims = (Map<String, Object>) c.get("claims");
      List<String> names = new ArrayList<>(claims.keySet());
      try {
        history.presentationAccepted(
            new PresentationRecord(
                a.holderKeys().get(i),
                body.body(),
                body.nameFr(),
                body.nameEn(),
                (String) c.get("vct"),
                names,
                body.purposeFr(),
                now));
      } catch (RuntimeException e) {
        // the presentation is verified and its result stored: the wallet still gets its answer
        log.warn("verifier {}: the citizen's history could not record a presentation", body.body());
      }
      audit.record(
          new AuditEvent(
              "presentation.accepted",
              now,
              null,
              body.body(),
              Map.of("vct", String.valueOf(c.get("vct")), "claims", String.join(",", names))));
    }
    notifyWebhook(body, t, Transaction.ACCEPTED);
    return answer;
  }

  private VerifierException refused(Transaction t, Refusal refusal) {
    if (t == null || refusal == Refusal.REPLAYED || refusal == Refusal.TRANSACTION_EXPIRED) {
      audit.record(
          new AuditEvent(
              "presentation.refused",
              clock.instant(),
              null,
              t == null ? null : t.body(),
              Map.of("reason", refusal.code())));
    }
    return new VerifierException(
        Kind.INVALID_REQUEST, refusal.code() + ": " + refusal.description());
  }

  /** The transaction behind a public request id. */
  Transaction transactionByRequest(String requestId) {
    return transactions
        .byRequest(requestId)
        .orElseThrow(() -> new VerifierException(Kind.NOT_FOUND, "no such request"));
  }

  private Transaction pending(String requestId) {
    Transaction t =
        transactions
            .byRequest(requestId)
            .orElseThrow(() -> new VerifierException(Kind.NOT_FOUND, "no such request"));
    if (expired(t) || !Transaction.PENDING.equals(t.status())) {
      throw new VerifierException(Kind.NOT_FOUND, "this request has expired or was answered");
    }
    return t;
  }

  private void notifyWebhook(RelyingBody body, Transaction t, String status) {
    URI hook = body.webhook();
    if (hook == null) {
      return;
    }
    String json = JSONObjectUtils.toJSONString(Map.of("transaction_id", t.id(), "status", status));
    webhooks
        .sendAsync(
            HttpRequest.newBuilder(hook)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (r, e) -> {
              if (e != null || r.statusCode() / 100 != 2) {
                log.warn("verifier {}: webhook notification failed", body.body());
              }
            });
  }

  private static String withResponseCode(String redirectUri, String code) {
    return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "response_code=" + code;
  }

  String requestUri(String requestId) {
    return wallet.baseUrl() + "/openid4vp/requests/" + requestId;
  }

  String responseUri(String requestId) {
    return wallet.baseUrl() + "/openid4vp/responses/" + requestId;
  }
}
