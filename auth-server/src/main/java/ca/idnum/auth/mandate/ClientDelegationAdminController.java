package ca.idnum.auth.mandate;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.oidc.web.OAuthErrors;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
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
 * Admin API: whether a registered client accepts delegated sessions (a mandatary acting for a
 * citizen: tokens with the principal's {@code sub} and an {@code act} claim) and organisations.
 */
@RestController
@RequestMapping(path = "/admin/clients/{clientId}/delegation", produces = "application/json")
@Tag(name = "clients", description = "Registered clients (public bodies)")
@SecurityRequirement(name = "admin-token")
public class ClientDelegationAdminController {

  /** The setting as JSON. */
  public record DelegationSetting(
      @JsonProperty("accepts_delegated_sessions") Boolean acceptsDelegatedSessions,
      @JsonProperty("accepts_organisations") Boolean acceptsOrganisations) {}

  private final ClientDelegation delegation;
  private final AuditLog audit;
  private final Clock clock;

  public ClientDelegationAdminController(ClientDelegation delegation, AuditLog audit, Clock clock) {
    this.delegation = delegation;
    this.audit = audit;
    this.clock = clock;
  }

  @Operation(summary = "Read whether a client accepts delegated sessions and organisations")
  @GetMapping
  public ResponseEntity<String> get(@PathVariable String clientId) {
    if (clientId.length() > 100 || !delegation.clientExists(clientId)) {
      return error(HttpStatus.NOT_FOUND, "invalid_request", "unknown client");
    }
    return ok(delegation.of(clientId));
  }

  @Operation(
      summary = "Set whether a client accepts delegated sessions and organisations",
      description =
          "Both members are booleans; an omitted member is false. A client that accepts delegated"
              + " sessions lets a citizen holding a mandate choose to act for its principal.")
  @PutMapping(consumes = "application/json")
  public ResponseEntity<String> set(
      @PathVariable String clientId, @RequestBody DelegationSetting body, Principal admin) {
    if (body == null
        || (body.acceptsDelegatedSessions() == null && body.acceptsOrganisations() == null)) {
      return error(
          HttpStatus.BAD_REQUEST,
          "invalid_client_metadata",
          "accepts_delegated_sessions or accepts_organisations: required");
    }
    ClientDelegation.Setting setting =
        new ClientDelegation.Setting(
            Boolean.TRUE.equals(body.acceptsDelegatedSessions()),
            Boolean.TRUE.equals(body.acceptsOrganisations()));
    if (clientId.length() > 100 || !delegation.set(clientId, setting)) {
      return error(HttpStatus.NOT_FOUND, "invalid_request", "unknown client");
    }
    audit.record(
        new AuditEvent(
            AuditTypes.ADMIN_CLIENT_DELEGATION,
            clock.instant(),
            null,
            clientId,
            Map.of(
                "accepts_delegated_sessions", Boolean.toString(setting.delegatedSessions()),
                "accepts_organisations", Boolean.toString(setting.organisations()),
                "admin", admin == null ? "" : admin.getName())));
    return ok(setting);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", "malformed JSON body");
  }

  private static ResponseEntity<String> ok(ClientDelegation.Setting setting) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(
            "{\"accepts_delegated_sessions\":"
                + setting.delegatedSessions()
                + ",\"accepts_organisations\":"
                + setting.organisations()
                + "}");
  }

  private static ResponseEntity<String> error(HttpStatus status, String code, String description) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(OAuthErrors.json(new OAuth2Error(code, description, null)));
  }
}
