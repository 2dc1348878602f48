package ca.idnum.auth.oidc.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized requests up front with a {@code 413} OAuth error body instead of letting the
 * container silently drop form parameters: bodies above the limit (by {@code Content-Length}, or
 * chunked bodies on the protocol endpoints) and query strings above 8 KiB.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long maxBodyBytes;

  public RequestSizeLimitFilter(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    String query = request.getQueryString();
    boolean chunked =
        length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBodyBytes
        || (query != null && query.length() > 8192)
        || (chunked && request.getRequestURI().startsWith("/oauth2/"))) {
      OAuthErrors.write(
          response,
          413,
          new OAuth2Error("invalid_request", "request too large", null),
          Map.of("Connection", "close"));
      return;
    }
    chain.doFilter(request, response);
  }
}
