package ca.idnum.auth.audit;

import ca.idnum.server.audit.AuditPage;
import ca.idnum.server.audit.AuditQuery;
import ca.idnum.server.audit.AuditRecord;
import ca.idnum.server.audit.AuditTrail;
import ca.idnum.server.audit.AuditVerification;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API over the audit log: search (citizen, client, type, time range, paging; newest first)
 * and chain verification.
 */
@RestController
@RequestMapping(path = "/admin/audit", produces = "application/json")
@Tag(name = "audit", description = "Security audit log")
@SecurityRequirement(name = "admin-token")
public class AuditAdminController {

  /** One audit record. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecordView(
      @JsonProperty("seq") long seq,
      @JsonProperty("type") String type,
      @JsonProperty("at") Instant at,
      @JsonProperty("citizen") String citizen,
      @JsonProperty("client") String client,
      @JsonProperty("details") Map<String, String> details,
      @JsonProperty("previous_hash") String previousHash,
      @JsonProperty("hash") String hash) {

    static RecordView of(AuditRecord r) {
      return new RecordView(
          r.seq(),
          r.type(),
          r.at(),
          r.citizen(),
          r.client(),
          r.details(),
          r.previousHash(),
          r.hash());
    }
  }

  /** One page of records and the number of matching records. */
  public record PageView(
      @JsonProperty("records") List<RecordView> records,
      @JsonProperty("page") int page,
      @JsonProperty("size") int size,
      @JsonProperty("total") long total) {}

  /** The result of a chain verification. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerificationView(
      @JsonProperty("intact") boolean intact,
      @JsonProperty("checked") long checked,
      @JsonProperty("first_broken_seq") Long firstBrokenSeq,
      @JsonProperty("reason") String reason) {}

  private final AuditTrail trail;

  public AuditAdminController(AuditTrail trail) {
    this.trail = trail;
  }

  @Operation(
      summary = "Search the audit log",
      description =
          "Every filter is optional; records newest first. from is inclusive, to exclusive"
              + " (ISO-8601 instants such as 2026-11-23T10:00:00Z).")
  @GetMapping
  public PageView search(
      @Parameter(description = "internal citizen identifier") @RequestParam
          Optional<String> citizen,
      @Parameter(description = "client_id") @RequestParam Optional<String> client,
      @Parameter(description = "event type, e.g. login.failure") @RequestParam
          Optional<String> type,
      @Parameter(description = "from (inclusive)") @RequestParam Optional<String> from,
      @Parameter(description = "to (exclusive)") @RequestParam Optional<String> to,
      @Parameter(description = "zero-based page") @RequestParam(defaultValue = "0") String page,
      @Parameter(description = "page size, 1-200") @RequestParam(defaultValue = "50") String size) {
    AuditQuery query;
    try {
      query =
          new AuditQuery(
              citizen,
              client,
              type,
              from.map(v -> instant(v, "from")),
              to.map(v -> instant(v, "to")),
              integer(page, "page"),
              integer(size, "size"));
    } catch (IllegalArgumentException e) {
      throw new BadAdminRequest(e.getMessage());
    }
    AuditPage result = trail.search(query);
    return new PageView(
        result.records().stream().map(RecordView::of).toList(),
        result.page(),
        result.size(),
        result.total());
  }

  @Operation(
      summary = "Verify the hash chain",
      description =
          "Walks every record from the first to the chain head; names the first record that was"
              + " modified, removed or inserted.")
  @GetMapping("/verify")
  public VerificationView verify() {
    AuditVerification v = trail.verify();
    return new VerificationView(
        v.intact(),
        v.checked(),
        v.firstBroken().isPresent() ? v.firstBroken().getAsLong() : null,
        v.intact() ? null : v.reason());
  }

  private static Instant instant(String value, String name) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadAdminRequest(name + " must be an ISO-8601 instant");
    }
  }

  private static int integer(String value, String name) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BadAdminRequest(name + " must be an integer");
    }
  }
}
