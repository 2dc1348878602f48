package ca.idnum.wallet.statuslist;

import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.issuance.IssuanceError;
import ca.idnum.wallet.issuance.IssuanceException;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves status list tokens ({@code application/statuslist+jwt}) with {@code Cache-Control:
 * max-age} equal to the {@code ttl} claim and an ETag that changes with every status change, so a
 * relying party re-fetching after {@code ttl} sees a revocation in the next list.
 */
@RestController
@Hidden
public final class StatusListController {

  private static final String MEDIA_TYPE = "application/statuslist+jwt";

  private final IssuerDirectory issuers;
  private final StatusListService lists;
  private final WalletProperties properties;

  public StatusListController(
      IssuerDirectory issuers, StatusListService lists, WalletProperties properties) {
    this.issuers = issuers;
    this.lists = lists;
    this.properties = properties;
  }

  @GetMapping(path = "/issuers/{body}/status-lists/{listId}")
  ResponseEntity<String> statusList(
      @PathVariable String body,
      @PathVariable int listId,
      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
    Issuer issuer =
        issuers
            .find(body)
            .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such issuer")));
    StatusListService.SignedList list =
        lists
            .currentToken(issuer, listId)
            .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such list")));
    String etag = "\"" + body + "-" + listId + "-" + list.version() + "\"";
    CacheControl cache = CacheControl.maxAge(properties.statusList().ttl()).cachePublic();
    if (etag.equals(ifNoneMatch)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
    }
    return ResponseEntity.ok()
        .eTag(etag)
        .cacheControl(cache)
        .header("Content-Type", MEDIA_TYPE)
        .body(list.token());
  }
}
