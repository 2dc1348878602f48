package ca.idnum.auth.citizen.proofing.register;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a register over HTTP: the match endpoint, an optional {@code Authorization} header
 * value (e.g. {@code Bearer ...} issued by the public body), timeouts, the retry budget and the
 * circuit breaker.
 *
 * @param url the match endpoint ({@code POST}), https except on loopback
 * @param connectTimeout TCP/TLS connection timeout of one attempt
 * @param requestTimeout the whole answer of one attempt (read timeout)
 * @param budget the total time for all attempts and the pauses between them
 * @param maxAttempts attempts at most (timeouts, connection failures and 5xx/429/408 are retried)
 * @param failureThreshold consecutive failed attempts that open the circuit breaker
 * @param openDuration how long an open breaker refuses calls before one trial
 */
public record RegisterClientSettings(
    URI url,
    String authorization,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration budget,
    int maxAttempts,
    int failureThreshold,
    Duration openDuration) {

  public RegisterClientSettings {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    boolean loopback =
        "localhost".equals(url.getHost())
            || "127.0.0.1".equals(url.getHost())
            || "[::1]".equals(url.getHost());
    if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
      throw new IllegalArgumentException("register url must be https (http only on loopback)");
    }
    for (Duration d : new Duration[] {connectTimeout, requestTimeout, budget, openDuration}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("register timeouts must be positive");
      }
    }
    if (maxAttempts < 1 || maxAttempts > 10 || failureThreshold < 1) {
      throw new IllegalArgumentException("register max-attempts must be 1..10, threshold >= 1");
    }
  }

  @Override
  public String toString() {
    return "RegisterClientSettings[url="
        + url
        + ", authorization="
        + (authorization == null ? "none" : "***")
        + "]";
  }
}
