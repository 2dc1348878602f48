package ca.idnum.auth.oidc.web;

import ca.idnum.server.store.ShortLivedStoreUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails closed when a store is down: if Redis or the database cannot be reached while a request is
 * processed, the answer is {@code 503 temporarily_unavailable} with {@code Retry-After}, never a
 * degraded authentication; the next requests succeed again once the store is back.
 */
public final class FailClosedFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(FailClosedFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!isStoreFailure(e)) {
        throw e;
      }
      log.warn("Store unavailable, request refused with 503 ({})", rootType(e));
      OAuthErrors.write(
          response,
          503,
          new OAuth2Error("temporarily_unavailable", "service temporarily unavailable", null),
          Map.of("Retry-After", "5"));
    }
  }

  private static boolean isStoreFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShortLivedStoreUnavailable
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
    }
    return false;
  }

  private static String rootType(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
