package ca.idnum.auth.citizen.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-source-address sliding-window limit on the forms that take an email address or a one-time
 * code besides login (registration and its code, password reset request and reset): at most {@code
 * max} submissions from one client address within the window, on the shared store so every node
 * counts the same. Beyond it the form is not processed and the citizen gets the bilingual "too many
 * requests" page ({@code 429}, {@code Retry-After}); the answer does not depend on any account, so
 * it reveals none. (Login has its own per-address limit in {@link LoginThrottle}.)
 */
public final class FormSourceLimitFilter extends OncePerRequestFilter {

  /** The limited form submissions (POST). */
  static final Set<String> PATHS =
      Set.of("/register", "/register/verify", "/password/forgot", "/password/reset");

  private final SlidingWindowCounter counter;
  private final int max;
  private final long retryAfterSeconds;

  public FormSourceLimitFilter(SlidingWindowCounter counter, int max, long retryAfterSeconds) {
    this.counter = counter;
    this.max = max;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr();
    if (counter.increment("forms:ip:" + StoreLoginThrottle.digest(address)) > max) {
      response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
      response.sendError(429);
      return;
    }
    chain.doFilter(request, response);
  }
}
