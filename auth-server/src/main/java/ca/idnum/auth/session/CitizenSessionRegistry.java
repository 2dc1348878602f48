package ca.idnum.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security's {@link SessionRegistry} over the database index of citizen sessions, shared by
 * every node: the citizen login registers each new session (with device and place), Spring
 * Authorization Server finds the session of an ID token ({@code sid}) and checks it on RP-initiated
 * logout, and every citizen page request checks that its session was not ended (revoked, timed out)
 * — an ended session is logged out at its next request.
 */
public final class CitizenSessionRegistry implements SessionRegistry {

  private static final Logger log = LoggerFactory.getLogger(CitizenSessionRegistry.class);

  private final JdbcCitizenSessions index;
  private final SessionProperties properties;
  private final Clock clock;

  public CitizenSessionRegistry(
      JdbcCitizenSessions index, SessionProperties properties, Clock clock) {
    this.index = index;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public List<Object> getAllPrincipals() {
    return List.of();
  }

  @Override
  public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
    Optional<String> citizen = name(principal);
    if (citizen.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<SessionInformation> out = new ArrayList<>();
    for (CitizenSession s : index.notEnded(citizen.get())) {
      boolean open = s.openAt(now, properties);
      if (!open && !includeExpiredSessions) {
        continue;
      }
      Optional<String> sessionId = index.sessionId(s.sid());
      if (sessionId.isEmpty()) {
        continue;
      }
      SessionInformation info =
          new SessionInformation(principal, sessionId.get(), Date.from(s.lastSeenAt()));
      if (!open) {
        info.expireNow();
      }
      out.add(info);
    }
    return out;
  }

  /**
   * The session's state for the check on every citizen page. When the index cannot be read (the
   * database is down) the check is skipped rather than failing every page, the login page's
   * "service unavailable" included: a revoked session was deleted from the session store when it
   * was revoked, and anything that needs the database fails closed on its own.
   */
  @Override
  public SessionInformation getSessionInformation(String sessionId) {
    Optional<CitizenSession> session;
    try {
      session = index.find(JdbcCitizenSessions.sid(sessionId));
    } catch (DataAccessException e) {
      log.warn("Session index unreadable, session check skipped ({})", e.getClass().getName());
      return null;
    }
    if (session.isEmpty()) {
      return null;
    }
    CitizenSession s = session.get();
    SessionInformation info =
        new SessionInformation(s.citizenId(), sessionId, Date.from(s.lastSeenAt()));
    if (!s.openAt(clock.instant(), properties)) {
      info.expireNow();
    }
    return info;
  }

  @Override
  public void refreshLastRequest(String sessionId) {
    Instant now = clock.instant();
    try {
      index.touch(
          JdbcCitizenSessions.sid(sessionId), now, now.minus(properties.lastSeenResolution()));
    } catch (DataAccessException e) {
      log.warn("Session index not updated ({})", e.getClass().getName());
    }
  }

  @Override
  public void registerNewSession(String sessionId, Object principal) {
    Optional<String> citizen = name(principal);
    if (citizen.isEmpty()) {
      return;
    }
    String device = "?, ?";
    Optional<String> place = Optional.empty();
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      device = DeviceDescription.device(request.getHeader("User-Agent"));
      place = place(request);
    }
    index.insert(sessionId, citizen.get(), device, place, clock.instant());
  }

  /**
   * Ending is done by {@link SessionTermination}; the index keeps ended sessions for the record.
   */
  @Override
  public void removeSessionInformation(String sessionId) {}

  private Optional<String> place(HttpServletRequest request) {
    if (!properties.placeHeader().isEmpty()) {
      String given = request.getHeader(properties.placeHeader());
      if (given != null && !given.isBlank()) {
        String clean = given.strip().replaceAll("[\\p{Cntrl}<>]", "");
        return Optional.of(clean.length() > 100 ? clean.substring(0, 100) : clean);
      }
    }
    return DeviceDescription.network(request.getRemoteAddr());
  }

  static Optional<String> name(Object principal) {
    String name;
    if (principal instanceof UserDetails user) {
      name = user.getUsername();
    } else if (principal instanceof Principal p) {
      name = p.getName();
    } else if (principal instanceof String s) {
      name = s;
    } else {
      return Optional.empty();
    }
    return name == null || name.isBlank() || name.length() > 64
        ? Optional.empty()
        : Optional.of(name);
  }
}
