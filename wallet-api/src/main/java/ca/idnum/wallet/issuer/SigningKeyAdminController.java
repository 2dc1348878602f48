package ca.idnum.wallet.issuer;

import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.wallet.issuance.IssuanceError;
import ca.idnum.wallet.issuance.IssuanceException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issuer signing key rotation, in the issuer admin API (scope {@code idnum:issuer:{body}}): list
 * the keys that verify and rotate to a new key. Credentials signed with a superseded key keep
 * verifying until it retires.
 */
@RestController
@Tag(name = "Issuer admin", description = "Credential offers and revocation, per issuing body")
@SecurityRequirement(name = "bearer")
public final class SigningKeyAdminController {

  private final IssuerDirectory issuers;
  private final AuditLog audit;
  private final Clock clock;

  public SigningKeyAdminController(IssuerDirectory issuers, AuditLog audit, Clock clock) {
    this.issuers = issuers;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A signing key as the admin API shows it.
   *
   * @param kid its {@code kid} (JWK thumbprint) in credentials and in jwt-vc-issuer metadata
   * @param active whether it signs new credentials and status lists
   * @param createdAt when it was created
   * @param supersededAt when a rotation replaced it, or null
   * @param retireAt when it leaves the metadata (stops verifying), or null while active
   * @param certificateNotAfter the end of its certificate's validity
   * @param certificate its certificate (base64 DER), chained to the platform root CA
   */
  public record SigningKeyView(
      String kid,
      boolean active,
      Instant createdAt,
      Instant supersededAt,
      Instant retireAt,
      Instant certificateNotAfter,
      String certificate) {

    static SigningKeyView of(SigningKey k) {
      return new SigningKeyView(
          k.identity().publicJwk().getKeyID(),
          k.active(),
          k.createdAt(),
          k.supersededAt(),
          k.retireAt(),
          k.identity().certificate().getNotAfter().toInstant(),
          k.identity().x5c().get(0).toString());
    }
  }

  @Operation(summary = "List the issuer's signing keys that verify (the active one first)")
  @GetMapping(
      path = "/issuers/{body}/admin/signing-keys",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<SigningKeyView>> signingKeys(@PathVariable String body) {
    Issuer issuer = issuer(body);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(issuers.signingKeys(issuer).stream().map(SigningKeyView::of).toList());
  }

  @Operation(
      summary = "Rotate the issuer's signing key",
      description =
          "A new EC P-256 key with a certificate chained to the platform root CA signs new"
              + " credentials and status lists from now on. The previous key stays in the"
              + " jwt-vc-issuer metadata, and its certificate valid, until it retires after the"
              + " longest credential lifetime of this issuer plus a status list token's validity.")
  @PostMapping(
      path = "/issuers/{body}/admin/signing-keys/rotate",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<SigningKeyView> rotate(
      @PathVariable String body, @AuthenticationPrincipal Jwt caller) {
    Issuer issuer = issuer(body);
    SigningKey key;
    try {
      key = issuers.rotate(issuer);
    } catch (IssuerDirectory.ConcurrentRotationException e) {
      throw new IssuanceException(
          new IssuanceError.InvalidRequest("another rotation of this issuer just happened"));
    }
    SigningKeyView view = SigningKeyView.of(key);
    audit.record(
        new AuditEvent(
            "issuer.key.rotated",
            clock.instant(),
            null,
            caller == null ? null : caller.getSubject(),
            Map.of("issuer", issuer.body(), "kid", view.kid())));
    return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(view);
  }

  private Issuer issuer(String body) {
    return issuers
        .find(body)
        .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such issuer")));
  }
}
