package ca.idnum.wallet.device;

import ca.idnum.wallet.storage.JsonBodies;
import ca.idnum.wallet.storage.StorageController;
import ca.idnum.wallet.storage.StorageError;
import ca.idnum.wallet.storage.StorageException;
import ca.idnum.wallet.storage.WalletAuthenticator;
import ca.idnum.wallet.storage.WalletCaller;
import ca.idnum.wallet.storage.WalletStorage;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Devices of the wallet app: register (the calling device, identified by its DPoP key, with its
 * holder public keys), add holder keys, list, revoke. HTTP only: the logic is in {@link Devices}.
 */
@RestController
@Tag(name = "Wallet devices", description = "The citizen's devices and their holder keys.")
@SecurityRequirement(name = "dpop")
public final class DeviceController {

  private static final int BODY_LIMIT = 64 * 1024;
  private static final int NAME_MAX = 100;

  private final WalletAuthenticator authenticator;
  private final Devices devices;

  public DeviceController(WalletAuthenticator authenticator, Devices devices) {
    this.authenticator = authenticator;
    this.devices = devices;
  }

  /** The registration body (for the OpenAPI description). */
  @Schema(name = "RegisterDeviceRequest")
  record RegisterRequest(
      @Schema(description = "a name the citizen recognizes, at most 100 characters") String name,
      @Schema(description = "the holder public keys (JWK) credentials will be bound to")
          List<Map<String, Object>> holderKeys) {}

  /** The body that adds holder keys (for the OpenAPI description). */
  @Schema(name = "AddHolderKeysRequest")
  record AddKeysRequest(List<Map<String, Object>> holderKeys) {}

  @PostMapping(path = "/wallet/devices", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Register the calling device",
      description =
          "The device is identified by the DPoP key of the access token. Errors: 400"
              + " invalid_request; 409 device_already_registered, holder_key_in_use,"
              + " quota_exceeded.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = RegisterRequest.class))),
      responses = @ApiResponse(responseCode = "201", description = "registered"))
  ResponseEntity<Map<String, Object>> register(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    Map<String, Object> body = read(request);
    if (!(body.get("name") instanceof String name)
        || name.isBlank()
        || name.strip().length() > NAME_MAX
        || name.chars().anyMatch(Character::isISOControl)) {
      throw invalid("name is required: 1 to 100 characters, no control characters");
    }
    Device device =
        devices.register(caller.citizen(), caller.jkt(), name.strip(), thumbprints(body, true));
    return ResponseEntity.created(URI.create("/wallet/devices/" + device.id()))
        .cacheControl(CacheControl.noStore())
        .body(WalletStorage.deviceJson(device, caller.jkt()));
  }

  @PostMapping(
      path = "/wallet/devices/{id}/holder-keys",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Add holder keys to an active device",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = AddKeysRequest.class))))
  ResponseEntity<Map<String, Object>> addHolderKeys(
      @PathVariable String id, HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    Map<String, Object> body = read(request);
    Device device =
        devices.addHolderKeys(
            caller.citizen(), StorageController.parseId(id), thumbprints(body, false));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(WalletStorage.deviceJson(device, caller.jkt()));
  }

  @GetMapping(path = "/wallet/devices", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "List the devices (active and revoked)")
  ResponseEntity<Map<String, Object>> list(HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            Map.of(
                "devices",
                devices.list(caller.citizen()).stream()
                    .map(d -> WalletStorage.deviceJson(d, caller.jkt()))
                    .toList()));
  }

  @DeleteMapping(path = "/wallet/devices/{id}")
  @Operation(
      summary = "Revoke a device",
      description =
          "Its access tokens (bound to its DPoP key) are refused from now on (401"
              + " device_revoked), and credentials bound to its holder keys can no longer be"
              + " stored (403 holder_key_revoked).",
      responses = @ApiResponse(responseCode = "204", description = "revoked"))
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    devices.revoke(caller.citizen(), StorageController.parseId(id));
    return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
  }

  private static Map<String, Object> read(HttpServletRequest request) {
    return JsonBodies.read(
        request,
        BODY_LIMIT,
        new StorageError.InvalidRequest(
            "the request body is larger than " + BODY_LIMIT + " bytes"));
  }

  /** The RFC 7638 thumbprints of the public JWKs in {@code holderKeys}. */
  private static List<String> thumbprints(Map<String, Object> body, boolean optional) {
    Object keys = body.get("holderKeys");
    if (keys == null && optional) {
      return List.of();
    }
    if (!(keys instanceof List<?> list) || (list.isEmpty() && !optional)) {
      throw invalid("holderKeys is a non-empty array of public JWKs");
    }
    Set<String> thumbprints = new LinkedHashSet<>();
    for (Object k : list) {
      if (!(k instanceof Map<?, ?> m)) {
        throw invalid("holderKeys is an array of public JWKs");
      }
      try {
        @SuppressWarnings("unchecked")
        JWK jwk = JWK.parse((Map<String, Object>) m);
        if (jwk.isPrivate() || !(jwk instanceof AsymmetricJWK)) {
          throw invalid("a holder key is an asymmetric public JWK (no private part)");
        }
        thumbprints.add(jwk.computeThumbprint().toString());
      } catch (ParseException | JOSEException | ClassCastException e) {
        throw invalid("a holder key is not a valid JWK");
      }
    }
    return List.copyOf(thumbprints);
  }

  private static StorageException invalid(String description) {
    return new StorageException(new StorageError.InvalidRequest(description));
  }
}
