package ca.idnum.auth.oidc.admin;

import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrationException;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.client.OidcClient;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for the registered clients (public bodies): register, read, update, rotate, disable.
 */
@RestController
@RequestMapping(path = "/admin/clients", produces = "application/json")
@Tag(name = "clients", description = "Registered clients (public bodies)")
@SecurityRequirement(name = "admin-token")
public class ClientAdminController {

  /** A client as the admin API returns it; {@code client_secret} only right after generation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClientResponse(
      @JsonProperty("client") ClientMetadata client,
      @JsonProperty("enabled") boolean enabled,
      @JsonProperty("client_id_issued_at") Instant clientIdIssuedAt,
      @JsonProperty("client_secret_issued_at") Instant clientSecretIssuedAt,
      @JsonProperty("client_secret") String clientSecret) {

    static ClientResponse of(OidcClient client, Optional<String> secret) {
      return new ClientResponse(
          ClientMetadata.of(client),
          client.enabled(),
          client.createdAt(),
          client.secretIssuedAt().orElse(null),
          secret.orElse(null));
    }
  }

  /** A newly generated secret (shown once). */
  public record SecretResponse(@JsonProperty("client_secret") String clientSecret) {}

  private final ClientRegistrations registrations;
  private final AuditLog audit;
  private final Clock clock;

  public ClientAdminController(ClientRegistrations registrations, AuditLog audit, Clock oidcClock) {
    this.registrations = registrations;
    this.audit = audit;
    this.clock = oidcClock;
  }

  /** An admin action, recorded after it succeeded: the admin client and the client it touched. */
  private void record(String type, Authentication admin, String clientId) {
    audit.record(
        new AuditEvent(
            type, clock.instant(), null, admin.getName(), Map.of("target_client", clientId)));
  }

  @Operation(summary = "List registered clients")
  @GetMapping
  public List<ClientResponse> list() {
    return registrations.list().stream().map(c -> ClientResponse.of(c, Optional.empty())).toList();
  }

  @Operation(summary = "Read one client")
  @GetMapping("/{clientId}")
  public ClientResponse get(@PathVariable String clientId) {
    return ClientResponse.of(
        registrations.find(clientId).orElseThrow(ClientRegistrationException.NotFound::new),
        Optional.empty());
  }

  @Operation(
      summary = "Register a client",
      description =
          "For client_secret_basic a 256-bit secret is generated and returned once; the server"
              + " keeps only its SHA-256 digest.")
  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  public ClientResponse register(@RequestBody ClientMetadata metadata, Authentication admin) {
    ClientRegistrations.Registered registered = registrations.register(metadata, Optional.empty());
    record("admin.client.registered", admin, registered.client().clientId());
    return ClientResponse.of(registered.client(), registered.secret());
  }

  @Operation(summary = "Replace a client's metadata (secret and state unchanged)")
  @PutMapping(path = "/{clientId}", consumes = "application/json")
  public ClientResponse update(
      @PathVariable String clientId, @RequestBody ClientMetadata metadata, Authentication admin) {
    ClientResponse response =
        ClientResponse.of(registrations.update(clientId, metadata), Optional.empty());
    record("admin.client.updated", admin, clientId);
    return response;
  }

  @Operation(summary = "Generate a new secret; the previous one stops working at once")
  @PostMapping("/{clientId}/secret")
  public SecretResponse rotateSecret(@PathVariable String clientId, Authentication admin) {
    SecretResponse response = new SecretResponse(registrations.rotateSecret(clientId));
    record("admin.client.secret-rotated", admin, clientId);
    return response;
  }

  @Operation(summary = "Disable a client: it can no longer authenticate nor start authorizations")
  @PostMapping("/{clientId}/disable")
  public ClientResponse disable(@PathVariable String clientId, Authentication admin) {
    ClientResponse response =
        ClientResponse.of(registrations.setEnabled(clientId, false), Optional.empty());
    record("admin.client.disabled", admin, clientId);
    return response;
  }

  @Operation(summary = "Enable a disabled client")
  @PostMapping("/{clientId}/enable")
  public ClientResponse enable(@PathVariable String clientId, Authentication admin) {
    ClientResponse response =
        ClientResponse.of(registrations.setEnabled(clientId, true), Optional.empty());
    record("admin.client.enabled", admin, clientId);
    return response;
  }
}
