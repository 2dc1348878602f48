package ca.idnum.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may scrape the metrics ({@code /actuator/prometheus}): a request carrying the configured
 * bearer token ({@code Authorization: Bearer <idnum.metrics.token>}, compared in constant time),
 * or, when {@code allowLoopback}, a request from this machine (a local Prometheus or agent). No
 * citizen session is needed or used.
 */
final class MetricsAccess implements AuthorizationManager<RequestAuthorizationContext> {

  static final int MIN_TOKEN_LENGTH = 32;

  private final byte[] tokenDigest;
  private final boolean allowLoopback;

  MetricsAccess(String token, boolean allowLoopback) {
    if (token != null && !token.isBlank() && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalStateException(
          "IDNUM_METRICS_TOKEN must have at least " + MIN_TOKEN_LENGTH + " characters");
    }
    this.tokenDigest = token == null || token.isBlank() ? null : digest(token);
    this.allowLoopback = allowLoopback;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    return new AuthorizationDecision(permits(context.getRequest()));
  }

  boolean permits(HttpServletRequest request) {
    if (tokenDigest != null) {
      String header = request.getHeader("Authorization");
      if (header != null
          && header.regionMatches(true, 0, "Bearer ", 0, 7)
          && MessageDigest.isEqual(tokenDigest, digest(header.substring(7).strip()))) {
        return true;
      }
    }
    return allowLoopback && isLoopback(request.getRemoteAddr());
  }

  static boolean isLoopback(String address) {
    return address != null
        && (address.startsWith("127.")
            || address.equals("::1")
            || address.equals("0:0:0:0:0:0:0:1")
            || address.equals("[::1]"));
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
