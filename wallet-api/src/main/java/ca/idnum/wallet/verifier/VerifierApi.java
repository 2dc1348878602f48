package ca.idnum.wallet.verifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the relying body's verifier API. */
public final class VerifierApi {

  private VerifierApi() {}

  /**
   * Create a presentation transaction.
   *
   * @param dcqlQuery the DCQL query (OpenID4VP 1.0 §6); only claims the body is registered for
   * @param responseMode {@code direct_post.jwt} (default, encrypted) or {@code direct_post}
   * @param redirectUri same-device flow: a registered URI the Wallet sends the user back to with a
   *     {@code response_code}
   * @param expiresIn lifetime in seconds (default 300)
   */
  public record CreateRequest(
      @JsonProperty("dcql_query") Map<String, Object> dcqlQuery,
      @JsonProperty("response_mode") String responseMode,
      @JsonProperty("redirect_uri") String redirectUri,
      @JsonProperty("expires_in") Long expiresIn) {}

  /**
   * A created transaction.
   *
   * @param transactionId the id to fetch the result with
   * @param clientId the client identifier the Wallet sees ({@code x509_hash:...})
   * @param requestUri where the Wallet fetches the signed request object
   * @param deepLink the {@code openid4vp://} link (a button on the same device)
   * @param qrCodeUri a PNG QR code of the deep link (cross device)
   * @param expiresAt when the Wallet's response is no longer accepted
   */
  public record CreateResponse(
      @JsonProperty("transaction_id") String transactionId,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("request_uri") String requestUri,
      @JsonProperty("deep_link") String deepLink,
      @JsonProperty("qr_code_uri") String qrCodeUri,
      @JsonProperty("expires_at") Instant expiresAt) {}

  /**
   * One verified credential: only the disclosed claims.
   *
   * @param credentialQueryId the DCQL credential query it answers
   * @param vct its type
   * @param issuer its issuer identifier
   * @param status its status list status ({@code VALID})
   * @param claims the disclosed claims
   */
  public record VerifiedCredential(
      @JsonProperty("credential_query_id") String credentialQueryId,
      String vct,
      String issuer,
      String status,
      Map<String, Object> claims) {}

  /**
   * A transaction's result.
   *
   * @param transactionId the transaction
   * @param status {@code pending}, {@code accepted}, {@code refused} or {@code expired}
   * @param error the refusal code ({@code nonce_mismatch}, {@code credential_revoked}...), or null
   * @param errorDescription the refusal in words, or null
   * @param credentials the verified credentials (accepted only)
   */
  public record Result(
      @JsonProperty("transaction_id") String transactionId,
      String status,
      String error,
      @JsonProperty("error_description") String errorDescription,
      List<VerifiedCredential> credentials) {}
}
