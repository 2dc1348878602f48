package ca.idnum.auth.oidc.admin;

import ca.idnum.auth.oidc.keys.SigningKey;
import ca.idnum.auth.oidc.keys.SigningKeys;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for the signing keys: list (public metadata only) and rotate. */
@RestController
@RequestMapping(path = "/admin/keys", produces = "application/json")
@Tag(name = "keys", description = "Signing keys")
@SecurityRequirement(name = "admin-token")
public class KeyAdminController {

  /** A key's public metadata. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyView(
      @JsonProperty("kid") String kid,
      @JsonProperty("alg") String alg,
      @JsonProperty("status") String status,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("activated_at") Instant activatedAt,
      @JsonProperty("published_until") Instant publishedUntil) {

    static KeyView of(SigningKey key) {
      return new KeyView(
          key.kid(),
          key.alg().name(),
          key.status().name(),
          key.createdAt(),
          key.activatedAt().orElse(null),
          key.retiredUntil().orElse(null));
    }
  }

  private final SigningKeys keys;
  private final AuditLog audit;
  private final Clock clock;

  public KeyAdminController(SigningKeys keys, AuditLog audit, Clock oidcClock) {
    this.keys = keys;
    this.audit = audit;
    this.clock = oidcClock;
  }

  @Operation(summary = "List signing keys (no private material)")
  @GetMapping
  public List<KeyView> list() {
    return keys.list().stream()
        .sorted(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid))
        .map(KeyView::of)
        .toList();
  }

  @Operation(
      summary = "Rotate the signing keys",
      description =
          "The published NEXT key of each algorithm starts signing; the previous key stays"
              + " published until every token it signed has expired; a new NEXT key is published.")
  @PostMapping("/rotate")
  public List<KeyView> rotate(Authentication admin) {
    keys.rotate();
    audit.record(
        new AuditEvent("admin.keys.rotated", clock.instant(), null, admin.getName(), Map.of()));
    return list();
  }
}
