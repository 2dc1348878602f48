package ca.idnum.wallet.verifier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A presentation transaction as kept in the short-lived store: the request (query, nonce, state,
 * response mode, ephemeral key) and, once the Wallet answered, the outcome.
 *
 * @param id the transaction id the relying body polls with
 * @param requestId the id in the public {@code request_uri} and {@code response_uri}
 * @param body the relying body
 * @param nonce the nonce every Key Binding JWT must carry
 * @param state the {@code state} the response must echo
 * @param dcqlQuery the DCQL query (JSON)
 * @param responseMode {@code direct_post} or {@code direct_post.jwt}
 * @param encryptionKey the ephemeral private key (JWK JSON) sealed under the KEK, base64, or {@code
 *     null}
 * @param createdAt creation time
 * @param expiresAt when the Wallet's response is no longer accepted
 * @param redirectUri same-device redirect, or {@code null}
 * @param status {@code pending}, {@code accepted} or {@code refused}
 * @param error the refusal code, or {@code null}
 * @param credentials the verified credentials (accepted only)
 * @param responseCodeDigest SHA-256 of the {@code response_code} given to the Wallet, or {@code
 *     null}
 */
public record Transaction(
    String id,
    String requestId,
    String body,
    String nonce,
    String state,
    Map<String, Object> dcqlQuery,
    String responseMode,
    String encryptionKey,
    Instant createdAt,
    Instant expiresAt,
    String redirectUri,
    String status,
    String error,
    List<Map<String, Object>> credentials,
    String responseCodeDigest) {

  /** Not answered yet. */
  public static final String PENDING = "pending";

  /** Answered and verified. */
  public static final String ACCEPTED = "accepted";

  /** Answered and refused. */
  public static final String REFUSED = "refused";

  /** Validates. */
  public Transaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(dcqlQuery, "dcqlQuery");
    Objects.requireNonNull(status, "status");
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
  }

  /** This transaction finished with {@code status}. */
  Transaction finish(
      String status, String error, List<Map<String, Object>> credentials, String codeDigest) {
    return new Transaction(
        id,
        requestId,
        body,
        nonce,
        state,
        dcqlQuery,
        responseMode,
        encryptionKey,
        createdAt,
        expiresAt,
        redirectUri,
        status,
        error,
        credentials,
        codeDigest);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("req", requestId);
    m.put("body", body);
    m.put("nonce", nonce);
    m.put("state", state);
    m.put("dcql", dcqlQuery);
    m.put("mode", responseMode);
    m.put("key", encryptionKey);
    m.put("created", createdAt.getEpochSecond());
    m.put("exp", expiresAt.toEpochMilli());
    m.put("redirect", redirectUri);
    m.put("status", status);
    m.put("error", error);
    m.put("credentials", credentials);
    m.put("code", responseCodeDigest);
    return m;
  }

  @SuppressWarnings("unchecked")
  static Transaction fromJson(Map<String, Object> m) {
    return new Transaction(
        (String) m.get("id"),
        (String) m.get("req"),
        (String) m.get("body"),
        (String) m.get("nonce"),
        (String) m.get("state"),
        (Map<String, Object>) m.get("dcql"),
        (String) m.get("mode"),
        (String) m.get("key"),
        Instant.ofEpochSecond(((Number) m.get("created")).longValue()),
        Instant.ofEpochMilli(((Number) m.get("exp")).longValue()),
        (String) m.get("redirect"),
        (String) m.get("status"),
        (String) m.get("error"),
        (List<Map<String, Object>>) m.get("credentials"),
        (String) m.get("code"));
  }
}
