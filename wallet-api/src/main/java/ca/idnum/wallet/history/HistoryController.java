package ca.idnum.wallet.history;

import ca.idnum.wallet.storage.StorageProperties;
import ca.idnum.wallet.storage.WalletAuthenticator;
import ca.idnum.wallet.storage.WalletCaller;
import ca.idnum.wallet.storage.WalletStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The citizen's wallet history, newest first. */
@RestController
@Tag(
    name = "Wallet history",
    description =
        "What was stored, deleted, exported, which devices were registered or revoked, and which"
            + " verifier was shown which claim names (never values), why and when.")
@SecurityRequirement(name = "dpop")
public final class HistoryController {

  private final WalletAuthenticator authenticator;
  private final History history;
  private final StorageProperties properties;

  public HistoryController(
      WalletAuthenticator authenticator, History history, StorageProperties properties) {
    this.authenticator = authenticator;
    this.history = history;
    this.properties = properties;
  }

  @GetMapping(path = "/wallet/history", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The history, newest first")
  ResponseEntity<Map<String, Object>> list(
      @Parameter(description = "most events returned (default and maximum: the configured limit)")
          @RequestParam(name = "limit", required = false)
          Integer limit,
      HttpServletRequest request) {
    WalletCaller caller = authenticator.authenticate(request);
    int n =
        limit == null || limit <= 0
            ? properties.historyLimit()
            : Math.min(limit, properties.historyLimit());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            Map.of(
                "events",
                history.list(caller.citizen(), n).stream()
                    .map(WalletStorage::historyJson)
                    .toList()));
  }
}
