package ca.idnum.wallet.register;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.wallet.config.WalletProperties.RegisterProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A register reached over HTTP: {@code GET {url}/subjects/{subject}} answering {@code 200
 * {"claims": {...}}} or {@code 404}. Each attempt has a timeout; failed attempts (timeouts,
 * connection errors, 5xx) are retried while the budget lasts; a circuit breaker stops calling a
 * register that keeps failing. Logs name the register, never the subject or the claims.
 */
public final class HttpRegister implements Register {

  private static final Logger log = LoggerFactory.getLogger(HttpRegister.class);
  private static final int MAX_BODY = 64 * 1024;

  private final String name;
  private final RegisterProperties properties;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  private final Clock clock;

  public HttpRegister(String name, RegisterProperties properties, Clock clock) {
    this.name = name;
    this.properties = properties;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.breaker =
        new CircuitBreaker(properties.failureThreshold(), properties.openDuration(), clock);
  }

  /** The circuit breaker (for health reporting). */
  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public Map<String, Object> claims(String subject) {
    Instant deadline = clock.instant().plus(properties.budget());
    String base = properties.url().toString().replaceAll("/+$", "");
    URI uri =
        URI.create(
            base
                + "/subjects/"
                + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20"));
    RegisterException last = null;
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      if (!breaker.tryAcquire()) {
        throw new RegisterException(RegisterException.Failure.UNAVAILABLE, name + ": circuit open");
      }
      try {
        Map<String, Object> claims = once(uri, min(left, properties.requestTimeout()));
        breaker.onSuccess();
        return claims;
      } catch (RegisterException e) {
        if (e.failure() == RegisterException.Failure.SUBJECT_UNKNOWN) {
          breaker.onSuccess();
          throw e;
        }
        breaker.onFailure();
        if (e.failure() == RegisterException.Failure.MALFORMED) {
          log.warn("register {} answered malformed data", name);
          throw e;
        }
        last = e;
        log.warn("register {} attempt {} failed: {}", name, attempt, e.getMessage());
      }
      backoff(attempt, deadline);
    }
    throw last != null
        ? last
        : new RegisterException(RegisterException.Failure.UNAVAILABLE, name + ": no time left");
  }

  private Map<String, Object> once(URI uri, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
    if (properties.authorization() != null && !properties.authorization().isBlank()) {
      request.header("Authorization", properties.authorization());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new RegisterException(RegisterException.Failure.UNAVAILABLE, name + ": timeout");
    } catch (IOException e) {
      throw new RegisterException(
          RegisterException.Failure.UNAVAILABLE, name + ": connection failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegisterException(RegisterException.Failure.UNAVAILABLE, name + ": interrupted");
    }
    int status = response.statusCode();
    if (status == 404) {
      throw new RegisterException(
          RegisterException.Failure.SUBJECT_UNKNOWN, name + ": unknown subject");
    }
    if (status >= 500 || status == 429 || status == 408) {
      throw new RegisterException(RegisterException.Failure.UNAVAILABLE, name + ": HTTP " + status);
    }
    if (status != 200 || response.body().length > MAX_BODY) {
      throw new RegisterException(RegisterException.Failure.MALFORMED, name + ": HTTP " + status);
    }
    try {
      Map<String, Object> json =
          JsonObjects.parse(new String(response.body(), StandardCharsets.UTF_8), MAX_BODY);
      if (!(json.get("claims") instanceof Map<?, ?> claims)) {
        throw new RegisterException(
            RegisterException.Failure.MALFORMED, name + ": no claims object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) claims;
      return typed;
    } catch (ParseException e) {
      throw new RegisterException(RegisterException.Failure.MALFORMED, name + ": not JSON");
    }
  }

  private void backoff(int attempt, Instant deadline) {
    long millis =
        Math.min(
            100L * attempt, Math.max(0, Duration.between(clock.instant(), deadline).toMillis()));
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
