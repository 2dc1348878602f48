package ca.idnum.auth.session.backchannel;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.client.OidcClient;
import ca.idnum.auth.session.SessionProperties;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers logout tokens to relying bodies (OpenID Connect Back-Channel Logout 1.0 §2.5): a POST of
 * {@code logout_token} to the client's {@code backchannel_logout_uri}, expecting {@code 200} (any
 * 2xx). Deliveries are rows of {@code backchannel_logout_delivery}, so that they survive a restart
 * and any node may retry them: a failed attempt is retried after {@code retry-base}, then twice as
 * long each time; after {@code max-attempts} the row stays as a dead letter ({@code DEAD}) and a
 * {@code backchannel-logout.failed} audit event is recorded. Each attempt carries a fresh token
 * (new {@code jti}, {@code iat}); redirects are not followed.
 */
public final class BackChannelLogouts {

  private static final Logger log = LoggerFactory.getLogger(BackChannelLogouts.class);
  private static final int BATCH = 20;

  /** One delivery as the admin API shows it. */
  public record Delivery(
      String id,
      String clientId,
      String sid,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Optional<String> lastError,
      Instant createdAt) {}

  private final JdbcClient jdbc;
  private final JdbcOidcClients clients;
  private final LogoutTokens tokens;
  private final SessionProperties.Backchannel settings;
  private final AuditLog audit;
  private final Clock clock;
  private final Executor executor;
  private final HttpClient http;

  public BackChannelLogouts(
      JdbcClient jdbc,
      JdbcOidcClients clients,
      LogoutTokens tokens,
      SessionProperties.Backchannel settings,
      AuditLog audit,
      Clock clock,
      Executor executor) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.tokens = tokens;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
    this.executor = executor;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Queues a logout token for the client, when it registered a {@code backchannel_logout_uri};
   * returns whether one was queued.
   */
  public boolean queue(String clientId, String sid, String citizenId) {
    Optional<OidcClient> client = clients.findByClientId(clientId);
    if (client.isEmpty() || client.get().backchannelLogoutUri().isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    jdbc.sql(
            "INSERT INTO backchannel_logout_delivery (id, client_id, sid, citizen_id, status,"
                + " attempts, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), clientId, sid, citizenId, ts(now), ts(now), ts(now))
        .update();
    return true;
  }

  /** Delivers what is due in the background (soon after a session ended). */
  public void deliverSoon() {
    try {
      executor.execute(this::deliverDueQuietly);
    } catch (RuntimeException e) {
      log.warn(
          "Back-channel logout delivery deferred to the next run ({})", e.getClass().getName());
    }
  }

  /** Attempts every delivery that is due; returns how many were delivered. */
  public int deliverDue() {
    Instant now = clock.instant();
    List<Row> due =
        jdbc.sql(
                "SELECT id, client_id, sid, citizen_id, attempts, next_attempt_at"
                    + " FROM backchannel_logout_delivery WHERE status = 'PENDING'"
                    + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT "
                    + BATCH)
            .param(ts(now))
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString("id"),
                        rs.getString("client_id"),
                        rs.getString("sid"),
                        rs.getString("citizen_id"),
                        rs.getInt("attempts"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class)))
            .list();
    int delivered = 0;
    for (Row row : due) {
      // claim the row (another node may be looking at it too): push its next attempt past the
      // time one attempt can take
      Instant lease = now.plus(settings.timeout().multipliedBy(3));
      int claimed =
          jdbc.sql(
                  "UPDATE backchannel_logout_delivery SET next_attempt_at = ?, updated_at = ?"
                      + " WHERE id = ? AND status = 'PENDING' AND next_attempt_at = ?")
              .params(ts(lease), ts(now), row.id(), row.nextAttemptAt())
              .update();
      if (claimed == 1 && attempt(row, now)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** Deliveries that kept failing (newest first). */
  public List<Delivery> deadLetters(int limit) {
    return jdbc.sql(
            "SELECT id, client_id, sid, status, attempts, next_attempt_at, last_error, created_at"
                + " FROM backchannel_logout_delivery WHERE status = 'DEAD'"
                + " ORDER BY created_at DESC LIMIT ?")
        .param(limit)
        .query(
            (rs, n) ->
                new Delivery(
                    rs.getString("id"),
                    rs.getString("client_id"),
                    rs.getString("sid"),
                    rs.getString("status"),
                    rs.getInt("attempts"),
                    rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                    Optional.ofNullable(rs.getString("last_error")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private boolean attempt(Row row, Instant now) {
    Optional<OidcClient> client = clients.findByClientId(row.clientId());
    String error;
    if (client.isEmpty() || client.get().backchannelLogoutUri().isEmpty()) {
      error = "client no longer registered for back-channel logout";
      return fail(row, now, error, true);
    }
    URI target = client.get().backchannelLogoutUri().get();
    try {
      String token = tokens.create(client.get(), row.sid(), row.citizenId());
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(settings.timeout())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        jdbc.sql(
                "UPDATE backchannel_logout_delivery SET status = 'DELIVERED', attempts = ?,"
                    + " last_error = NULL, updated_at = ? WHERE id = ?")
            .params(row.attempts() + 1, ts(now), row.id())
            .update();
        return true;
      }
      error = "HTTP " + response.statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (java.io.IOException | RuntimeException e) {
      error = e.getClass().getSimpleName();
    }
    return fail(row, now, error, false);
  }

  private boolean fail(Row row, Instant now, String error, boolean permanent) {
    int attempts = row.attempts() + 1;
    boolean dead = permanent || attempts >= settings.maxAttempts();
    Duration backoff = settings.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
    jdbc.sql(
            "UPDATE backchannel_logout_delivery SET status = ?, attempts = ?, next_attempt_at = ?,"
                + " last_error = ?, updated_at = ? WHERE id = ?")
        .params(
            dead ? "DEAD" : "PENDING",
            attempts,
            ts(now.plus(backoff)),
            error.length() > 200 ? error.substring(0, 200) : error,
            ts(now),
            row.id())
        .update();
    log.warn(
        "Back-channel logout to client {} failed (attempt {}): {}{}",
        row.clientId(),
        attempts,
        error,
        dead ? "; kept as a dead letter" : "");
    if (dead) {
      audit.record(
          new AuditEvent(
              AuditTypes.BACKCHANNEL_LOGOUT_FAILED,
              now,
              row.citizenId(),
              row.clientId(),
              Map.of("sid", row.sid(), "attempts", Integer.toString(attempts), "error", error)));
    }
    return false;
  }

  private void deliverDueQuietly() {
    try {
      deliverDue();
    } catch (RuntimeException e) {
      log.warn("Back-channel logout delivery run failed ({})", e.getClass().getName());
    }
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private record Row(
      String id,
      String clientId,
      String sid,
      String citizenId,
      int attempts,
      OffsetDateTime nextAttemptAt) {}
}
