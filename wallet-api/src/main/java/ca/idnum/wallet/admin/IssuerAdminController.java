package ca.idnum.wallet.admin;

import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.wallet.issuance.CredentialOffers;
import ca.idnum.wallet.issuance.IssuanceError;
import ca.idnum.wallet.issuance.IssuanceException;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.statuslist.IssuedCredential;
import ca.idnum.wallet.statuslist.StatusListService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The issuer admin API, for a public body's back office: create credential offers, list what was
 * issued about a subject, suspend, reinstate or revoke credentials. Callers are clients of the SAG
 * (client credentials) holding the scope {@code idnum:issuer:{body}} for that body.
 */
@RestController
@Tag(name = "Issuer admin", description = "Credential offers and revocation, per issuing body")
@SecurityRequirement(name = "bearer")
public final class IssuerAdminController {

  private static final Logger log = LoggerFactory.getLogger(IssuerAdminController.class);

  private final IssuerDirectory issuers;
  private final CredentialOffers offers;
  private final StatusListService lists;

  public IssuerAdminController(
      IssuerDirectory issuers, CredentialOffers offers, StatusListService lists) {
    this.issuers = issuers;
    this.offers = offers;
    this.lists = lists;
  }

  @Operation(summary = "Create a credential offer with a pre-authorized code and a tx_code")
  @PostMapping(
      path = "/issuers/{body}/admin/offers",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AdminApi.OfferResponse> createOffer(
      @PathVariable String body,
      @RequestBody AdminApi.OfferRequest request,
      @AuthenticationPrincipal Jwt caller) {
    Issuer issuer = issuer(body);
    for (String id : request.credentialConfigurationIds()) {
      if (issuer.credentialType(id).isEmpty()) {
        throw new IssuanceException(
            new IssuanceError.InvalidRequest("this issuer does not issue " + id));
      }
    }
    CredentialOffers.CreatedOffer o =
        offers.create(
            issuer, request.credentialConfigurationIds(), request.subject(), request.txCode());
    log.info("issuer {}: client {} created offer {}", body, caller.getSubject(), o.offerId());
    return ResponseEntity.status(201)
        .cacheControl(CacheControl.noStore())
        .body(
            new AdminApi.OfferResponse(
                o.offerId(),
                o.credentialOffer(),
                o.credentialOfferUri(),
                o.deepLink(),
                o.deepLinkByValue(),
                o.credentialOfferUri() + "/qr.png",
                o.txCode(),
                o.expiresAt()));
  }

  @Operation(summary = "List the credentials issued about a subject (metadata only)")
  @GetMapping(
      path = "/issuers/{body}/admin/credentials",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<AdminApi.IssuedCredentialView> credentials(
      @PathVariable String body, @RequestParam String subject) {
    Issuer issuer = issuer(body);
    return lists.bySubject(issuer.body(), subject).stream().map(c -> view(issuer, c)).toList();
  }

  @Operation(summary = "Suspend, reinstate or revoke one credential")
  @PostMapping(
      path = "/issuers/{body}/admin/credentials/{id}/status",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AdminApi.StatusResponse setStatus(
      @PathVariable String body,
      @PathVariable UUID id,
      @RequestBody AdminApi.StatusRequest request,
      @AuthenticationPrincipal Jwt caller) {
    Issuer issuer = issuer(body);
    IssuedCredential c =
        lists
            .find(issuer.body(), id)
            .orElseThrow(
                () -> new IssuanceException(new IssuanceError.NotFound("no such credential")));
    int changed = lists.setStatus(issuer.body(), List.of(c.id()), status(request.status()));
    log.info(
        "issuer {}: client {} set {} on credential {}",
        body,
        caller.getSubject(),
        request.status(),
        id);
    return new AdminApi.StatusResponse(changed);
  }

  @Operation(summary = "Suspend, reinstate or revoke every credential issued about a subject")
  @PostMapping(
      path = "/issuers/{body}/admin/subject-status",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AdminApi.StatusResponse setSubjectStatus(
      @PathVariable String body,
      @RequestBody AdminApi.SubjectStatusRequest request,
      @AuthenticationPrincipal Jwt caller) {
    Issuer issuer = issuer(body);
    List<UUID> ids =
        lists.bySubject(issuer.body(), request.subject()).stream()
            .map(IssuedCredential::id)
            .toList();
    int changed = lists.setStatus(issuer.body(), ids, status(request.status()));
    log.info(
        "issuer {}: client {} set {} on {} credentials of a subject",
        body,
        caller.getSubject(),
        request.status(),
        changed);
    return new AdminApi.StatusResponse(changed);
  }

  private AdminApi.IssuedCredentialView view(Issuer issuer, IssuedCredential c) {
    String status =
        c.status().equals(TokenStatus.VALID)
            ? "VALID"
            : c.status().equals(TokenStatus.SUSPENDED) ? "SUSPENDED" : "REVOKED";
    return new AdminApi.IssuedCredentialView(
        c.id(),
        c.credentialConfigurationId(),
        c.vct(),
        c.holderJkt(),
        lists.listUri(issuer, c.statusListId()),
        c.statusIdx(),
        status,
        c.issuedAt(),
        c.expiresAt(),
        c.walletEvent());
  }

  private static TokenStatus status(AdminApi.Status s) {
    return switch (s) {
      case VALID -> TokenStatus.VALID;
      case SUSPENDED -> TokenStatus.SUSPENDED;
      case REVOKED -> TokenStatus.INVALID;
    };
  }

  private Issuer issuer(String body) {
    return issuers
        .find(body)
        .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such issuer")));
  }
}
