package ca.idnum.auth.session;

import ca.idnum.auth.audit.BadAdminRequest;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for citizen sessions: list a citizen's open sessions, revoke one (the relying bodies
 * get a back-channel logout, their refresh tokens die), list back-channel logout dead letters.
 */
@RestController
@RequestMapping(path = "/admin", produces = "application/json")
@Tag(name = "sessions", description = "Citizen sessions and back-channel logout")
@SecurityRequirement(name = "admin-token")
public class SessionAdminController {

  /** One session. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SessionView(
      @JsonProperty("sid") String sid,
      @JsonProperty("citizen") String citizen,
      @JsonProperty("device") String device,
      @JsonProperty("place") String place,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("last_seen_at") Instant lastSeenAt) {}

  /** One back-channel logout that kept failing. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeadLetterView(
      @JsonProperty("id") String id,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("sid") String sid,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("created_at") Instant createdAt) {}

  private final JdbcCitizenSessions index;
  private final SessionTermination termination;
  private final BackChannelLogouts backchannel;
  private final SessionProperties properties;
  private final Clock clock;

  public SessionAdminController(
      JdbcCitizenSessions index,
      SessionTermination termination,
      BackChannelLogouts backchannel,
      SessionProperties properties,
      Clock oidcClock) {
    this.index = index;
    this.termination = termination;
    this.backchannel = backchannel;
    this.properties = properties;
    this.clock = oidcClock;
  }

  @Operation(summary = "A citizen's open sessions, newest first")
  @GetMapping("/sessions")
  public List<SessionView> sessions(@RequestParam String citizen) {
    if (citizen.isBlank() || citizen.length() > 64) {
      throw new BadAdminRequest("citizen must be 1-64 characters");
    }
    Instant now = clock.instant();
    return index.notEnded(citizen).stream()
        .filter(s -> s.openAt(now, properties))
        .map(
            s ->
                new SessionView(
                    s.sid(),
                    s.citizenId(),
                    s.device(),
                    s.place().orElse(null),
                    s.createdAt(),
                    s.lastSeenAt()))
        .toList();
  }

  @Operation(
      summary = "Revoke a session",
      description =
          "Ends the session everywhere: the HTTP session is deleted, the relying bodies that got"
              + " tokens in it receive a back-channel logout token and their refresh tokens stop"
              + " working.")
  @DeleteMapping("/sessions/{sid}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void revoke(@PathVariable String sid, Authentication admin) {
    if (sid.length() > 64 || !termination.end(sid, SessionEndReason.OPERATOR, admin.getName())) {
      throw new SessionNotFound();
    }
  }

  @Operation(summary = "Back-channel logouts that kept failing (dead letters), newest first")
  @GetMapping("/backchannel-logout/dead-letters")
  public List<DeadLetterView> deadLetters() {
    return backchannel.deadLetters(200).stream()
        .map(
            d ->
                new DeadLetterView(
                    d.id(),
                    d.clientId(),
                    d.sid(),
                    d.attempts(),
                    d.lastError().orElse(null),
                    d.createdAt()))
        .toList();
  }
}
