package ca.idnum.auth.oidc.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.util.UriUtils;

/** An authorization request as a local URL to come back to after a detour (step-up, act-for). */
public final class ResumeUrl {

  private ResumeUrl() {}

  /** The request's path and parameters; a POST becomes a GET (its CSRF token left out). */
  public static String of(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
      return path + "?" + request.getQueryString();
    }
    return path
        + "?"
        + request.getParameterMap().entrySet().stream()
            .filter(e -> !"_csrf".equals(e.getKey()))
            .flatMap(e -> Arrays.stream(e.getValue()).map(v -> enc(e.getKey()) + "=" + enc(v)))
            .collect(Collectors.joining("&"));
  }

  private static String enc(String value) {
    return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
  }
}
