package ca.idnum.auth.session;

import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.session.SessionRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a citizen session, whatever the cause (logout here or at a relying body, the citizen or an
 * operator signing it out, idle or absolute timeout), once across all nodes:
 *
 * <ol>
 *   <li>marks it ended in the index (the first node to do so carries on, others stop);
 *   <li>deletes the HTTP session (Spring Session), so its cookie no longer logs anyone in;
 *   <li>removes the authorizations the relying bodies got in it: their refresh tokens (and access
 *       tokens, at this server) stop working;
 *   <li>queues an OpenID Connect Back-Channel Logout token for each relying body that registered a
 *       {@code backchannel_logout_uri};
 *   <li>records the audit event ({@code logout}, {@code session.revoked}, {@code session.expired}).
 * </ol>
 */
public final class SessionTermination {

  private static final Logger log = LoggerFactory.getLogger(SessionTermination.class);

  private final JdbcCitizenSessions index;
  private final SessionRepository<?> httpSessions;
  private final OAuth2AuthorizationService authorizations;
  private final BackChannelLogouts backchannel;
  private final AuditLog audit;
  private final SessionProperties properties;
  private final Clock clock;

  public SessionTermination(
      JdbcCitizenSessions index,
      SessionProperties properties,
      SessionRepository<?> httpSessions,
      OAuth2AuthorizationService authorizations,
      BackChannelLogouts backchannel,
      AuditLog audit,
      Clock clock) {
    this.index = index;
    this.properties = properties;
    this.httpSessions = httpSessions;
    this.authorizations = authorizations;
    this.backchannel = backchannel;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Ends the session {@code sid}; {@code actor} is the admin client for an operator, else null.
   * Returns false when it was not open (unknown, or already ended).
   */
  public boolean end(String sid, SessionEndReason reason, String actor) {
    Optional<CitizenSession> session = index.find(sid);
    Instant now = clock.instant();
    if (session.isEmpty() || !index.markEnded(sid, reason, now)) {
      return false;
    }
    deleteHttpSession(sid);
    Set<String> clients = new LinkedHashSet<>();
    for (JdbcCitizenSessions.SessionClient c : index.clients(sid)) {
      OAuth2Authorization authorization = authorizations.findById(c.authorizationId());
      if (authorization != null) {
        authorizations.remove(authorization);
      }
      clients.add(c.clientId());
    }
    int notified = 0;
    for (String clientId : clients) {
      if (backchannel.queue(clientId, sid, session.get().citizenId())) {
        notified++;
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", reason.code());
    details.put("sid", sid);
    details.put("relying_bodies", String.join(" ", clients));
    details.put("backchannel_logouts", Integer.toString(notified));
    audit.record(
        new AuditEvent(reason.auditType(), now, session.get().citizenId(), actor, details));
    if (notified > 0) {
      backchannel.deliverSoon();
    }
    return true;
  }

  /** Ends every open session of a citizen; returns how many. */
  public int endAll(String citizenId, SessionEndReason reason, String actor) {
    int ended = 0;
    for (CitizenSession s : index.notEnded(citizenId)) {
      if (end(s.sid(), reason, actor)) {
        ended++;
      }
    }
    return ended;
  }

  /** Ends the session of the current request (logout), if it is indexed. */
  public void endCurrent(HttpSession current) {
    if (current == null) {
      return;
    }
    String sid = JdbcCitizenSessions.sid(current.getId());
    SessionEndReason reason =
        index
            .find(sid)
            .filter(s -> s.endedAt().isEmpty())
            .map(
                s ->
                    s.createdAt().plus(properties.absoluteTimeout()).isAfter(clock.instant())
                        ? SessionEndReason.LOGOUT
                        : SessionEndReason.TIMEOUT)
            .orElse(SessionEndReason.LOGOUT);
    end(sid, reason, null);
  }

  private void deleteHttpSession(String sid) {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpSession current = attrs.getRequest().getSession(false);
      if (current != null && JdbcCitizenSessions.sid(current.getId()).equals(sid)) {
        try {
          current.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
          // nothing left to do
        }
        return;
      }
    }
    try {
      index.sessionId(sid).ifPresent(httpSessions::deleteById);
    } catch (RuntimeException e) {
      // the index says ended: the session is refused at its next request anyway
      log.warn("Could not delete an ended HTTP session ({})", e.getClass().getName());
    }
  }
}
