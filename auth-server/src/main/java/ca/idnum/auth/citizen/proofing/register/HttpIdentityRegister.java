package ca.idnum.auth.citizen.proofing.register;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A register reached over HTTP (the contract of {@code docs/identity-proofing.md}):
 *
 * <pre>
 * POST {url}   Content-Type: application/json
 * {"given_name":"Camille","family_name":"Tremblay","birthdate":"1985-04-12",
 *  "document":{"type":"health_insurance_number","number":"TREC85541219"}}
 *
 * 200 {"match":true,"txn":"...","claims":{"given_name":"Camille","family_name":"Tremblay",
 *      "birthdate":"1985-04-12","health_insurance_number":"TREC85541219"}}
 * 200 {"match":false}
 * </pre>
 *
 * Each attempt has a connection and an answer timeout; timeouts, connection failures, 5xx, 429 and
 * 408 are retried while attempts and the time budget last; a circuit breaker stops calling a
 * register that keeps failing. Anything else that is not the contract (another status, not JSON, a
 * match without its claims or about another person) is an error, never a verification. Logs name
 * the register and the reason, never the attributes.
 */
public final class HttpIdentityRegister implements IdentityRegister {

  private static final Logger log = LoggerFactory.getLogger(HttpIdentityRegister.class);
  private static final int MAX_BODY = 16 * 1024;

  private final String id;
  private final String name;
  private final RegisterClientSettings settings;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  private final Clock clock;

  public HttpIdentityRegister(
      String id, String name, RegisterClientSettings settings, Clock clock) {
    this.id = id;
    this.name = name;
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openDuration(), clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  /** The circuit breaker (for health reporting and tests). */
  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public RegisterAnswer match(MatchRequest request) {
    Instant deadline = clock.instant().plus(settings.budget());
    long started = System.nanoTime();
    byte[] body = requestBody(request);
    RegisterUnavailableException last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      Duration left = remaining(deadline, started);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      if (!breaker.tryAcquire()) {
        log.warn("register {} not called: circuit open", id);
        throw new RegisterUnavailableException(
            id, RegisterUnavailableException.Reason.CIRCUIT_OPEN);
      }
      try {
        RegisterAnswer answer = once(body, min(left, settings.requestTimeout()));
        breaker.onSuccess();
        if (answer instanceof RegisterAnswer.Match match && !match.answers(request)) {
          log.warn("register {} answered a match about another person", id);
          throw new RegisterUnavailableException(id, RegisterUnavailableException.Reason.MALFORMED);
        }
        return answer;
      } catch (RegisterUnavailableException e) {
        if (e.reason() == RegisterUnavailableException.Reason.MALFORMED) {
          breaker.onFailure();
          log.warn("register {} answered outside its contract", id);
          throw e;
        }
        breaker.onFailure();
        last = e;
        log.warn("register {} attempt {} failed: {}", id, attempt, e.reason());
      }
      pause(attempt, deadline, started);
    }
    throw last != null
        ? last
        : new RegisterUnavailableException(
            id, RegisterUnavailableException.Reason.BUDGET_EXHAUSTED);
  }

  private static byte[] requestBody(MatchRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("given_name", request.givenName());
    json.put("family_name", request.familyName());
    json.put("birthdate", request.birthdate().toString());
    json.put(
        "document",
        Map.of("type", request.documentType().claim(), "number", request.documentNumber()));
    return JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
  }

  private RegisterAnswer once(byte[] body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.url())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.authorization() != null && !settings.authorization().isBlank()) {
      request.header("Authorization", settings.authorization());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new RegisterUnavailableException(id, RegisterUnavailableException.Reason.TIMEOUT);
    } catch (IOException e) {
      throw new RegisterUnavailableException(
          id, RegisterUnavailableException.Reason.CONNECTION_FAILED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegisterUnavailableException(
          id, RegisterUnavailableException.Reason.CONNECTION_FAILED);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429 || status == 408) {
      throw new RegisterUnavailableException(id, RegisterUnavailableException.Reason.SERVER_ERROR);
    }
    if (status != 200 || response.body().length > MAX_BODY) {
      throw new RegisterUnavailableException(id, RegisterUnavailableException.Reason.MALFORMED);
    }
    try {
      return parse(
          JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8), MAX_BODY));
    } catch (ParseException | RuntimeException e) {
      throw new RegisterUnavailableException(id, RegisterUnavailableException.Reason.MALFORMED);
    }
  }

  /** Parses a {@code 200} answer; any deviation from the contract throws. */
  static RegisterAnswer parse(Map<String, Object> json) {
    Object match = json.get("match");
    if (Boolean.FALSE.equals(match)) {
      return new RegisterAnswer.NoMatch();
    }
    if (!Boolean.TRUE.equals(match) || !(json.get("claims") instanceof Map<?, ?> claims)) {
      throw new IllegalArgumentException("not a match answer");
    }
    Map<DocumentType, String> documents = new EnumMap<>(DocumentType.class);
    for (DocumentType type : DocumentType.values()) {
      if (claims.get(type.claim()) instanceof String number) {
        documents.put(
            type,
            type.canonical(number)
                .orElseThrow(() -> new IllegalArgumentException("bad document number")));
      }
    }
    Optional<String> txn =
        json.get("txn") instanceof String t && !t.isBlank() && t.length() <= 100
            ? Optional.of(t)
            : Optional.empty();
    return new RegisterAnswer.Match(
        string(claims.get("given_name")),
        string(claims.get("family_name")),
        date(claims.get("birthdate")),
        documents,
        txn);
  }

  private static String string(Object value) {
    if (value instanceof String s && !s.isBlank()) {
      return s.strip();
    }
    throw new IllegalArgumentException("missing name");
  }

  private static LocalDate date(Object value) {
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("bad birthdate");
      }
    }
    throw new IllegalArgumentException("missing birthdate");
  }

  /**
   * What is left of the budget: by the injected clock and by elapsed real time, whichever is less
   * (so that a fixed test clock still bounds the retries).
   */
  private Duration remaining(Instant deadline, long started) {
    Duration byClock = Duration.between(clock.instant(), deadline);
    Duration byElapsed = settings.budget().minusNanos(System.nanoTime() - started);
    return min(byClock, byElapsed);
  }

  private void pause(int attempt, Instant deadline, long started) {
    long millis = Math.min(100L * attempt, Math.max(0, remaining(deadline, started).toMillis()));
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
