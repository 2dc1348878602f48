package ca.idnum.wallet.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wallet storage API of the mobile wallet app: store, list, get and delete credentials, export
 * everything, erase everything. HTTP only: authentication in {@link WalletAuthenticator}, logic in
 * {@link WalletStorage}, errors in {@link StorageErrorHandler}.
 */
@RestController
@Tag(
    name = "Wallet storage",
    description =
        "For the mobile wallet app: the citizen's credentials kept encrypted by the platform, so that"
            + " a lost phone loses nothing. Access tokens: DPoP-bound access tokens from the SAG"
            + " (auth-server) with the scope idnum:wallet and the wallet API as audience.")
@SecurityScheme(
    name = "dpop",
    type = SecuritySchemeType.HTTP,
    scheme = "DPoP",
    bearerFormat = "JWT",
    description = "Authorization: DPoP <access token>, with a DPoP proof (RFC 9449) per request")
@SecurityRequirement(name = "dpop")
public final class StorageController {

  /** Request bodies beyond the credential itself (JSON framing, format). */
  private static final int ENVELOPE_BYTES = 4096;

  private final WalletAuthenticator authenticator;
  private final WalletStorage storage;
  private final StorageProperties properties;
  private final Clock clock;

  public StorageController(
      WalletAuthenticator authenticator,
      WalletStorage storage,
      StorageProperties properties,
      Clock clock) {
    this.authenticator = authenticator;
    this.storage = storage;
    this.properties = properties;
    this.clock = clock;
  }

  /** The store request body (for the OpenAPI description). */
  @Schema(name = "StoreCredentialRequest")
  record StoreRequest(
      @Schema(
              description = "the SD-JWT VC as the issuer returned it",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String credential,
      @Schema(description = "dc+sd-jwt (the default)") String format) {}

  @PostMapping(path = "/wallet/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Store a credential",
      description =
          "Stores an SD-JWT VC bound (cnf.jwk) to a holder key registered by an active device of"
              + " this wallet. Errors: 400 invalid_request, invalid_credential,"
              + " holder_key_not_registered; 403 holder_key_revoked; 409 quota_exceeded; 413"
              + " credential_too_large; 401 invalid_token, invalid_dpop_proof, device_revoked.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = StoreRequest.class))),
      responses = @ApiResponse(responseCode = "201", description = "stored: its metadata"))
  ResponseEntity<Map<String, Object>> store(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    StorageError tooLarge = new StorageError.CredentialTooLarge(properties.maxCredentialBytes());
    Map<String, Object> body =
        JsonBodies.read(request, properties.maxCredentialBytes() + ENVELOPE_BYTES, tooLarge);
    Object format = body.getOrDefault("format", CredentialMetadata.SD_JWT_VC);
    if (!CredentialMetadata.SD_JWT_VC.equals(format)) {
      throw new StorageException(
          new StorageError.InvalidCredential("only the dc+sd-jwt format is supported"));
    }
    if (!(body.get("credential") instanceof String credential) || credential.isBlank()) {
      throw new StorageException(new StorageError.InvalidRequest("credential is required"));
    }
    StoredCredential stored = storage.store(caller, credential.strip());
    return ResponseEntity.created(URI.create("/wallet/credentials/" + stored.id()))
        .cacheControl(CacheControl.noStore())
        .body(stored.toJson(clock.instant()));
  }

  @GetMapping(path = "/wallet/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "List the stored credentials (metadata only)",
      description =
          "Type (vct), issuer, dates, status (valid, expired, not_yet_valid; the app checks the"
              + " status list reference itself), size; and the quota.")
  ResponseEntity<Map<String, Object>> list(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    Instant now = clock.instant();
    List<Map<String, Object>> credentials =
        storage.list(caller).stream().map(c -> c.toJson(now)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("credentials", credentials);
    body.put(
        "quota",
        Map.of(
            "maxCredentials", properties.maxCredentials(),
            "used", credentials.size(),
            "maxCredentialBytes", properties.maxCredentialBytes()));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  @GetMapping(path = "/wallet/credentials/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Get a stored credential",
      description = "Its metadata and the credential itself. 404 not_found if not in this wallet.")
  ResponseEntity<Map<String, Object>> get(
      @Parameter(description = "the credential id in this wallet") @PathVariable String id,
      HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    Map.Entry<StoredCredential, String> found = storage.get(caller, parseId(id));
    Map<String, Object> body = found.getKey().toJson(clock.instant());
    body.put("credential", found.getValue());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  @DeleteMapping(path = "/wallet/credentials/{id}")
  @Operation(
      summary = "Delete a stored credential",
      responses = @ApiResponse(responseCode = "204", description = "deleted"))
  ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    storage.delete(caller, parseId(id));
    return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
  }

  @GetMapping(path = "/wallet/export", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Export everything (portability)",
      description =
          "Every credential with its content, the devices and the history, as one JSON document."
              + " Recorded in the history.")
  ResponseEntity<Map<String, Object>> export(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"idnum-wallet-export.json\"")
        .body(storage.export(caller));
  }

  @DeleteMapping(path = "/wallet")
  @Operation(
      summary = "Erase everything",
      description =
          "Deletes every credential, device, holder key, the history and the citizen's data key."
              + " One history event without details records the erasure.",
      responses = @ApiResponse(responseCode = "204", description = "erased"))
  ResponseEntity<Void> erase(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    storage.erase(caller);
    return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
  }

  /** A credential or device id from the path. */
  public static UUID parseId(String id) {
    try {
      if (id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new StorageException(new StorageError.NotFound("no such item in this wallet"));
    }
  }
}
