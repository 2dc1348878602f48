package ca.idnum.auth.session;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Citizen sessions ({@code idnum.sessions.*}).
 *
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after login, used or not
 * @param lastSeenResolution how often a session's "last seen" time is written (at most)
 * @param sweepInterval how often ended-by-timeout sessions are looked for
 * @param placeHeader a request header in which the proxy in front gives the client's place (for
 *     example a country or city from its geolocation); empty: the client's network is shown
 * @param backchannel Back-Channel Logout delivery
 */
@ConfigurationProperties("idnum.sessions")
public record SessionProperties(
    @DefaultValue("30m") Duration idleTimeout,
    @DefaultValue("12h") Duration absoluteTimeout,
    @DefaultValue("1m") Duration lastSeenResolution,
    @DefaultValue("1m") Duration sweepInterval,
    @DefaultValue("") String placeHeader,
    @DefaultValue Backchannel backchannel) {

  public SessionProperties {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idnum.sessions.idle-timeout must be positive");
    }
    if (absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "idnum.sessions.absolute-timeout must not be shorter than the idle timeout");
    }
    placeHeader = placeHeader == null ? "" : placeHeader.strip();
  }

  /**
   * @param timeout connect and response timeout of one delivery
   * @param retryBase delay before the first retry; doubles at each further attempt
   * @param maxAttempts attempts before a delivery becomes a dead letter
   * @param tokenLifetime lifetime ({@code exp - iat}) of a logout token
   * @param interval how often due deliveries are retried
   */
  public record Backchannel(
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("10s") Duration retryBase,
      @DefaultValue("6") int maxAttempts,
      @DefaultValue("2m") Duration tokenLifetime,
      @DefaultValue("5s") Duration interval) {

    public Backchannel {
      if (maxAttempts < 1 || maxAttempts > 50) {
        throw new IllegalArgumentException("idnum.sessions.backchannel.max-attempts must be 1-50");
      }
    }
  }
}
