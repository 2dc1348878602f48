package ca.idnum.auth.oidc.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The one place where the provider's own components (filters, admin API) turn an error into an
 * OAuth/OIDC error response: {@code {"error":"...","error_description":"..."}} with the status the
 * specifications give, {@code Cache-Control: no-store}. Descriptions are fixed texts chosen by the
 * caller — never exception messages, stack traces or secrets.
 */
public final class OAuthErrors {

  private OAuthErrors() {}

  /** The HTTP status for an OAuth error code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 9449 §7.1). */
  public static int status(String errorCode) {
    return switch (errorCode) {
      case OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_TOKEN -> 401;
      case OAuth2ErrorCodes.INSUFFICIENT_SCOPE, OAuth2ErrorCodes.ACCESS_DENIED -> 403;
      case OAuth2ErrorCodes.SERVER_ERROR -> 500;
      case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> 503;
      case "request_too_large" -> 413;
      default -> 400;
    };
  }

  /** Writes {@code error} with the status {@link #status(String)} gives for its code. */
  public static void write(HttpServletResponse response, OAuth2Error error) throws IOException {
    write(response, status(error.getErrorCode()), error, Map.of());
  }

  public static void write(
      HttpServletResponse response, int status, OAuth2Error error, Map<String, String> headers)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    headers.forEach(response::setHeader);
    response.getOutputStream().write(json(error).getBytes(StandardCharsets.UTF_8));
    response.flushBuffer();
  }

  /** The JSON body for {@code error}. */
  public static String json(OAuth2Error error) {
    StringBuilder json = new StringBuilder("{\"error\":\"").append(escape(error.getErrorCode()));
    if (error.getDescription() != null) {
      json.append("\",\"error_description\":\"").append(escape(error.getDescription()));
    }
    return json.append("\"}").toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
