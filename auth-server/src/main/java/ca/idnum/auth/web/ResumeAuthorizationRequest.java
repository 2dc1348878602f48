package ca.idnum.auth.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After a successful login, when the citizen was on the way through a relying party's authorization
 * request (saved by Spring Security when it sent them to log in): answers the login form's POST
 * with that request's own answer — the redirect to the relying party with the code, the consent
 * page, or a step-up — by forwarding to the authorization endpoint as the GET it was, instead of
 * redirecting the browser to make the same request again. One round trip less per login, for the
 * citizen (on a mobile network, a few hundred milliseconds) and for the server (a whole request
 * through the filter chains). The authorization endpoint's chain runs on the forward as on any
 * request: the same filters, the same checks, the session just created.
 *
 * <p>Only a saved {@code GET} of the authorization endpoint is resumed this way, with exactly its
 * query parameters (the form's {@code username}, {@code password} and {@code _csrf} are hidden from
 * it). Anything else goes to {@code otherwise}, which redirects.
 */
final class ResumeAuthorizationRequest implements AuthenticationSuccessHandler {

  static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";

  private final RequestCache requestCache = new HttpSessionRequestCache();
  private final AuthenticationSuccessHandler otherwise;

  ResumeAuthorizationRequest(AuthenticationSuccessHandler otherwise) {
    this.otherwise = otherwise;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    SavedRequest saved = requestCache.getRequest(request, response);
    if (!(saved instanceof DefaultSavedRequest original)
        || !"GET".equals(original.getMethod())
        || !(request.getContextPath() + AUTHORIZATION_ENDPOINT).equals(original.getRequestURI())) {
      otherwise.onAuthenticationSuccess(request, response, authentication);
      return;
    }
    String query = original.getQueryString();
    Map<String, String[]> parameters;
    try {
      parameters = parse(query);
    } catch (IllegalArgumentException e) {
      // a malformed escape: the authorization endpoint answers it, on the redirect
      otherwise.onAuthenticationSuccess(request, response, authentication);
      return;
    }
    requestCache.removeRequest(request, response);
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
    request
        .getRequestDispatcher(AUTHORIZATION_ENDPOINT + (query == null ? "" : "?" + query))
        .forward(new SavedGet(request, parameters), response);
  }

  /** A query string's parameters as a servlet container decodes them. */
  static Map<String, String[]> parse(String query) {
    Map<String, String[]> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.merge(
          name,
          new String[] {value},
          (a, b) -> {
            String[] both = Arrays.copyOf(a, a.length + 1);
            both[a.length] = b[0];
            return both;
          });
    }
    return out;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /**
   * The login POST seen as the saved GET: method {@code GET}, no body, and as parameters exactly
   * those of the saved query string (the container would add the form's to them).
   */
  private static final class SavedGet extends HttpServletRequestWrapper {

    SavedGet(HttpServletRequest request, Map<String, String[]> parameters) {
      super(new WithParameters(request, parameters));
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public int getContentLength() {
      return -1;
    }

    @Override
    public long getContentLengthLong() {
      return -1;
    }

    @Override
    public String getHeader(String name) {
      return isBodyHeader(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isBodyHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    private static boolean isBodyHeader(String name) {
      return "Content-Type".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name);
    }
  }
}
