package ca.idnum.auth.oidc.web;

import ca.idnum.auth.oidc.keys.KeyRing;
import ca.idnum.auth.oidc.keys.SigningKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves the hot, public, rarely changing documents from precomputed bytes: the JWK set (from the
 * current {@link KeyRing}, with an ETag) and the discovery documents (computed once by Spring
 * Authorization Server's endpoints on the first request, then replayed).
 */
public final class PublicMetadataFilter extends OncePerRequestFilter {

  public static final String JWKS_PATH = "/oauth2/jwks";
  private static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";
  private static final String OAUTH_METADATA = "/.well-known/oauth-authorization-server";

  private record Document(byte[] body, String contentType) {}

  private final SigningKeys keys;
  private final ConcurrentHashMap<String, Document> documents = new ConcurrentHashMap<>();

  public PublicMetadataFilter(SigningKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (get && JWKS_PATH.equals(path)) {
      KeyRing ring = keys.ring();
      response.setHeader("Cache-Control", "public, max-age=60");
      response.setHeader("ETag", ring.etag());
      if (ring.etag().equals(request.getHeader("If-None-Match"))) {
        response.setStatus(304);
        return;
      }
      write(response, new Document(ring.jwksBody(), "application/jwk-set+json"));
      return;
    }
    if (get && (OIDC_DISCOVERY.equals(path) || OAUTH_METADATA.equals(path))) {
      Document cached = documents.get(path);
      if (cached != null) {
        response.setHeader("Cache-Control", "public, max-age=300");
        write(response, cached);
        return;
      }
      ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
      chain.doFilter(request, wrapper);
      if (wrapper.getStatus() == 200 && wrapper.getContentType() != null) {
        documents.putIfAbsent(
            path, new Document(wrapper.getContentAsByteArray(), wrapper.getContentType()));
      }
      wrapper.copyBodyToResponse();
      return;
    }
    chain.doFilter(request, response);
  }

  private static void write(HttpServletResponse response, Document document) throws IOException {
    response.setStatus(200);
    response.setContentType(document.contentType());
    response.setContentLength(document.body().length);
    response.getOutputStream().write(document.body());
  }
}
