package ca.idnum.wallet.verifier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relying body's back-end API of the verifier service: create a presentation transaction with a
 * DCQL query, fetch its result. Callers are SAG clients (client credentials) with the scope {@code
 * idnum:verifier:{body}}.
 */
@RestController
@Tag(name = "Verifier", description = "OpenID4VP presentations for relying public bodies")
@SecurityRequirement(name = "bearer")
public final class VerifierApiController {

  private final VerifierService service;

  public VerifierApiController(VerifierService service) {
    this.service = service;
  }

  @Operation(
      summary = "Create a presentation transaction",
      description =
          "Answers the request_uri, an openid4vp:// deep link and a QR code. A query asking for a"
              + " claim the body is not registered for is refused with 403 access_denied.")
  @PostMapping(
      path = "/verifiers/{body}/api/transactions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VerifierApi.CreateResponse> create(
      @PathVariable String body, @RequestBody VerifierApi.CreateRequest request) {
    VerifierService.Created c =
        service.create(
            body,
            request.dcqlQuery(),
            request.responseMode(),
            request.redirectUri(),
            request.expiresIn());
    return ResponseEntity.status(201)
        .cacheControl(CacheControl.noStore())
        .body(
            new VerifierApi.CreateResponse(
                c.transaction().id(),
                c.clientId(),
                c.requestUri(),
                c.deepLink(),
                c.requestUri() + "/qr.png",
                c.transaction().expiresAt()));
  }

  @Operation(
      summary = "The result of a transaction",
      description =
          "pending until the wallet answers; then accepted (verified disclosed claims only) or"
              + " refused (with the reason). Same-device transactions need the response_code the"
              + " wallet brought back.")
  @GetMapping(
      path = "/verifiers/{body}/api/transactions/{id}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VerifierApi.Result> result(
      @PathVariable String body,
      @PathVariable String id,
      @RequestParam(name = "response_code", required = false) String responseCode) {
    Transaction t = service.transaction(body, id, responseCode);
    String status = t.status();
    if (Transaction.PENDING.equals(status) && service.expired(t)) {
      status = "expired";
    }
    String description =
        t.error() == null
            ? null
            : Arrays.stream(Refusal.values())
                .filter(r -> r.code().equals(t.error()))
                .map(Refusal::description)
                .findFirst()
                .orElse(null);
    List<VerifierApi.VerifiedCredential> creds =
        t.credentials().stream()
            .map(
                m -> {
                  @SuppressWarnings("unchecked")
                  Map<String, Object> claims = (Map<String, Object>) m.get("claims");
                  return new VerifierApi.VerifiedCredential(
                      (String) m.get("credential_query_id"),
                      (String) m.get("vct"),
                      (String) m.get("issuer"),
                      (String) m.get("status"),
                      claims);
                })
            .toList();
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new VerifierApi.Result(t.id(), status, t.error(), description, creds));
  }
}
