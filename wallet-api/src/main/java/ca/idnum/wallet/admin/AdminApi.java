package ca.idnum.wallet.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Request and response bodies of the issuer admin API. */
public final class AdminApi {

  private AdminApi() {}

  /**
   * Create a credential offer with a pre-authorized code.
   *
   * @param credentialConfigurationIds what to offer (credential configuration ids of the issuer)
   * @param subject the person's identifier in the issuer's register
   * @param txCode whether a transaction code is required (default true); send it out of band
   */
  public record OfferRequest(
      List<String> credentialConfigurationIds, String subject, Boolean txCode) {
    /** Validates. */
    public OfferRequest {
      if (credentialConfigurationIds == null || credentialConfigurationIds.isEmpty()) {
        throw new IllegalArgumentException("credentialConfigurationIds is required");
      }
      credentialConfigurationIds = List.copyOf(credentialConfigurationIds);
      if (subject == null || subject.isBlank() || subject.length() > 200) {
        throw new IllegalArgumentException("subject is required (at most 200 characters)");
      }
      txCode = txCode == null ? Boolean.TRUE : txCode;
    }
  }

  /**
   * A created offer.
   *
   * @param offerId the offer id
   * @param credentialOffer the offer (by value)
   * @param credentialOfferUri the offer by reference
   * @param deepLink {@code openid-credential-offer://} link by reference
   * @param deepLinkByValue the link with the offer by value
   * @param qrCodeUri a PNG QR code of {@code deepLink}
   * @param txCode the transaction code to send to the person by another channel, or null
   * @param expiresAt when the offer expires
   */
  public record OfferResponse(
      String offerId,
      Map<String, Object> credentialOffer,
      String credentialOfferUri,
      String deepLink,
      String deepLinkByValue,
      String qrCodeUri,
      String txCode,
      Instant expiresAt) {}

  /** Status values settable through the API. */
  public enum Status {
    VALID,
    SUSPENDED,
    REVOKED
  }

  /**
   * Change a credential's status. REVOKED is final.
   *
   * @param status the new status
   */
  public record StatusRequest(Status status) {
    /** Validates. */
    public StatusRequest {
      Objects.requireNonNull(status, "status is required");
    }
  }

  /**
   * Change the status of every credential issued about a subject.
   *
   * @param subject the person's identifier in the issuer's register
   * @param status the new status
   */
  public record SubjectStatusRequest(String subject, Status status) {
    /** Validates. */
    public SubjectStatusRequest {
      if (subject == null || subject.isBlank()) {
        throw new IllegalArgumentException("subject is required");
      }
      Objects.requireNonNull(status, "status is required");
    }
  }

  /**
   * The outcome of a status change.
   *
   * @param changed how many credentials changed status
   */
  public record StatusResponse(int changed) {}

  /**
   * Metadata of an issued credential.
   *
   * @param id its id in this API
   * @param credentialConfigurationId its type
   * @param vct its vct
   * @param holderKeyThumbprint the JWK thumbprint of the key it is bound to
   * @param statusListUri its status list
   * @param statusIdx its index in the list
   * @param status its status
   * @param issuedAt when issued
   * @param expiresAt when it expires
   * @param walletEvent the last event the wallet notified (credential_accepted, credential_failure,
   *     credential_deleted), or null
   */
  public record IssuedCredentialView(
      UUID id,
      String credentialConfigurationId,
      String vct,
      String holderKeyThumbprint,
      String statusListUri,
      int statusIdx,
      String status,
      Instant issuedAt,
      Instant expiresAt,
      String walletEvent) {}
}
