package ca.idnum.sdk.openid4vp;

import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vp.OpenId4VpException.Reason;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A relying body's back end calling the IdNum verifier service (wallet-api): create a presentation
 * transaction with a DCQL query, then fetch (or poll for) its verified result. Access tokens come
 * from the SAG by client credentials with the scope {@code idnum:verifier:<body>}. Thread-safe.
 */
public final class VerifierClient {

  /**
   * Options of a transaction.
   *
   * @param responseMode {@code direct_post.jwt} (default, encrypted) or {@code direct_post}
   * @param redirectUri for same-device flows: a registered URI the Wallet sends the user back to
   *     with a {@code response_code}, or {@code null} for cross-device
   * @param expiresIn lifetime, or {@code null} for the service's default
   */
  public record Options(String responseMode, String redirectUri, Duration expiresIn) {
    /** Cross-device, encrypted response, default lifetime. */
    public static Options defaults() {
      return new Options(AuthorizationRequest.DIRECT_POST_JWT, null, null);
    }
  }

  /**
   * A created transaction.
   *
   * @param transactionId its id for {@link #result(String, String, String)}
   * @param clientId the client identifier the Wallet sees
   * @param requestUri where the Wallet fetches the signed request object
   * @param deepLink the {@code openid4vp://} link (same device: a link; cross device: a QR code)
   * @param qrCodeUri a PNG QR code of the deep link
   * @param expiresAt when it expires
   */
  public record Transaction(
      String transactionId,
      String clientId,
      String requestUri,
      String deepLink,
      String qrCodeUri,
      Instant expiresAt) {}

  /**
   * One verified credential of a result: only the disclosed claims.
   *
   * @param credentialQueryId the credential query it answers
   * @param vct its type
   * @param issuer its issuer
   * @param status its status ({@code VALID})
   * @param claims the disclosed claims
   */
  public record VerifiedCredential(
      String credentialQueryId,
      String vct,
      String issuer,
      String status,
      Map<String, Object> claims) {}

  /**
   * The state of a transaction.
   *
   * @param status {@code pending}, {@code accepted} or {@code refused}
   * @param error the refusal code, or {@code null}
   * @param errorDescription the refusal reason, or {@code null}
   * @param credentials the verified credentials when accepted
   */
  public record Result(
      String status, String error, String errorDescription, List<VerifiedCredential> credentials) {
    /** Whether the presentation was verified and accepted. */
    public boolean accepted() {
      return "accepted".equals(status);
    }

    /** Whether the Wallet has not answered yet. */
    public boolean pending() {
      return "pending".equals(status);
    }
  }

  private final Http http;
  private final String base;

  /**
   * A client of the verifier service at {@code walletApiBase} for relying body {@code body}.
   *
   * @param walletApiBase e.g. {@code https://wallet.idnum.example}
   * @param body the body's short name
   */
  public VerifierClient(HttpClient http, URI walletApiBase, String body, Duration timeout) {
    this.http = new Http(http, timeout);
    String b = walletApiBase.toString();
    this.base = (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/verifiers/" + body;
  }

  /** A client with its own JDK HTTP client. */
  public VerifierClient(URI walletApiBase, String body) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        walletApiBase,
        body,
        Duration.ofSeconds(15));
  }

  /** Creates a transaction asking for {@code query}. */
  public Transaction create(String accessToken, DcqlQuery query, Options options)
      throws OpenId4VpException {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("dcql_query", query.toJson());
    if (options.responseMode() != null) {
      req.put("response_mode", options.responseMode());
    }
    if (options.redirectUri() != null) {
      req.put("redirect_uri", options.redirectUri());
    }
    if (options.expiresIn() != null) {
      req.put("expires_in", options.expiresIn().toSeconds());
    }
    Map<String, Object> m =
        Http.json(
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/transactions"))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(req)))));
    try {
      return new Transaction(
          (String) m.get("transaction_id"),
          (String) m.get("client_id"),
          (String) m.get("request_uri"),
          (String) m.get("deep_link"),
          (String) m.get("qr_code_uri"),
          Instant.parse((String) m.get("expires_at")));
    } catch (RuntimeException e) {
      throw new OpenId4VpException(Reason.TRANSPORT, "unexpected answer");
    }
  }

  /**
   * The transaction's result.
   *
   * @param responseCode the {@code response_code} of a same-device redirect (required then), or
   *     {@code null}
   */
  public Result result(String accessToken, String transactionId, String responseCode)
      throws OpenId4VpException {
    String uri =
        base
            + "/api/transactions/"
            + URLEncoder.encode(transactionId, StandardCharsets.UTF_8)
            + (responseCode == null
                ? ""
                : "?response_code=" + URLEncoder.encode(responseCode, StandardCharsets.UTF_8));
    Map<String, Object> m =
        Http.json(
            http.send(
                HttpRequest.newBuilder(URI.create(uri))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json")
                    .GET()));
    return parseResult(m);
  }

  /** Polls every {@code interval} until the transaction is no longer pending or {@code timeout}. */
  public Result await(String accessToken, String transactionId, Duration timeout, Duration interval)
      throws OpenId4VpException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Result r = result(accessToken, transactionId, null);
      if (!r.pending() || System.nanoTime() > deadline) {
        return r;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OpenId4VpException(Reason.TRANSPORT, "interrupted");
      }
    }
  }

  /** Reads a result object (as answered by the service or posted to a webhook). */
  @SuppressWarnings("unchecked")
  public static Result parseResult(Map<String, Object> m) throws OpenId4VpException {
    Objects.requireNonNull(m, "m");
    List<VerifiedCredential> creds = new ArrayList<>();
    if (m.get("credentials") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> c) {
          creds.add(
              new VerifiedCredential(
                  (String) c.get("credential_query_id"),
                  (String) c.get("vct"),
                  (String) c.get("issuer"),
                  (String) c.get("status"),
                  c.get("claims") instanceof Map<?, ?> cl ? (Map<String, Object>) cl : Map.of()));
        }
      }
    }
    if (!(m.get("status") instanceof String status)) {
      throw new OpenId4VpException(Reason.TRANSPORT, "unexpected answer");
    }
    return new Result(
        status, (String) m.get("error"), (String) m.get("error_description"), List.copyOf(creds));
  }
}
