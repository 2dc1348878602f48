package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import ca.idnum.auth.oidc.web.OAuthErrors;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API: the minimum level of assurance of a registered client, enforced on every one of its
 * authorization requests whatever it asks (a session below it is stepped up, or the request fails
 * with {@code unmet_authentication_requirements}).
 */
@RestController
@RequestMapping(path = "/admin/clients/{clientId}/minimum-acr", produces = "application/json")
@Tag(name = "clients", description = "Registered clients (public bodies)")
@SecurityRequirement(name = "admin-token")
public class ClientAssuranceAdminController {

  /** The minimum level: one of the {@code acr_values_supported}. */
  public record MinimumAcr(@JsonProperty("minimum_acr") String minimumAcr) {}

  private final ClientMinimumLevels minimums;

  public ClientAssuranceAdminController(ClientMinimumLevels minimums) {
    this.minimums = minimums;
  }

  @Operation(summary = "Read a client's minimum level of assurance")
  @GetMapping
  public ResponseEntity<String> get(@PathVariable String clientId) {
    return minimums
        .minimum(clientId)
        .map(level -> ok(level))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "invalid_request", "unknown client"));
  }

  @Operation(
      summary = "Set a client's minimum level of assurance",
      description = "urn:idnum:loa:1 (no minimum), urn:idnum:loa:2 or urn:idnum:loa:3")
  @PutMapping(consumes = "application/json")
  public ResponseEntity<String> set(@PathVariable String clientId, @RequestBody MinimumAcr body) {
    if (body == null || body.minimumAcr() == null) {
      return error(HttpStatus.BAD_REQUEST, "invalid_client_metadata", "minimum_acr: required");
    }
    LevelOfAssurance level = LevelOfAssurance.fromUri(body.minimumAcr()).orElse(null);
    if (level == null) {
      return error(
          HttpStatus.BAD_REQUEST,
          "invalid_client_metadata",
          "minimum_acr: one of urn:idnum:loa:1, urn:idnum:loa:2, urn:idnum:loa:3");
    }
    if (!minimums.set(clientId, level)) {
      return error(HttpStatus.NOT_FOUND, "invalid_request", "unknown client");
    }
    return ok(level);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", "malformed JSON body");
  }

  private static ResponseEntity<String> ok(LevelOfAssurance level) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body("{\"minimum_acr\":\"" + level.uri() + "\"}");
  }

  private static ResponseEntity<String> error(HttpStatus status, String code, String description) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(OAuthErrors.json(new OAuth2Error(code, description, null)));
  }
}
