package ca.idnum.auth.session;

import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ends sessions that timed out (idle or absolute) even when no request comes to notice it, so that
 * relying bodies are told (back-channel logout) and their refresh tokens die; retries due
 * back-channel deliveries. Safe on several nodes: ending and delivery claims are atomic.
 */
public final class SessionSweeper {

  private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);
  private static final int BATCH = 200;

  private final JdbcCitizenSessions index;
  private final SessionTermination termination;
  private final BackChannelLogouts backchannel;
  private final SessionProperties properties;
  private final Clock clock;

  public SessionSweeper(
      JdbcCitizenSessions index,
      SessionTermination termination,
      BackChannelLogouts backchannel,
      SessionProperties properties,
      Clock clock) {
    this.index = index;
    this.termination = termination;
    this.backchannel = backchannel;
    this.properties = properties;
    this.clock = clock;
  }

  /** Ends timed-out sessions; returns how many. */
  public int endTimedOut() {
    Instant now = clock.instant();
    List<String> stale =
        index.timedOut(
            now.minus(properties.idleTimeout()).minus(properties.lastSeenResolution()),
            now.minus(properties.absoluteTimeout()),
            BATCH);
    int ended = 0;
    for (String sid : stale) {
      if (termination.end(sid, SessionEndReason.TIMEOUT, null)) {
        ended++;
      }
    }
    return ended;
  }

  @Scheduled(
      fixedDelayString = "${idnum.sessions.sweep-interval:1m}",
      initialDelayString = "${idnum.sessions.sweep-interval:1m}")
  void sweep() {
    try {
      endTimedOut();
    } catch (RuntimeException e) {
      log.warn("Session sweep failed ({})", e.getClass().getName());
    }
  }

  @Scheduled(
      fixedDelayString = "${idnum.sessions.backchannel.interval:5s}",
      initialDelayString = "${idnum.sessions.backchannel.interval:5s}")
  void retryDeliveries() {
    try {
      backchannel.deliverDue();
    } catch (RuntimeException e) {
      log.warn("Back-channel logout retry failed ({})", e.getClass().getName());
    }
  }
}
