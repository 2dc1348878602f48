package ca.idnum.auth.citizen.mfa;

import ca.idnum.auth.oidc.web.OAuthErrors;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.text.ParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The JSON side of the passkey pages: bodies in, answers and errors out. */
final class JsonAnswers {

  /** What the page posts: the credential as the browser serialized it, and a label. */
  record Credential(String json, String label) {}

  private JsonAnswers() {}

  static ResponseEntity<String> ok(String json) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(json);
  }

  static ResponseEntity<String> error(HttpStatus status, String code, String description) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .body(OAuthErrors.json(new OAuth2Error(code, description, null)));
  }

  /** {@code {"credential": {...}, "label": "..."}}; null if malformed. */
  static Credential credential(String body) {
    if (body == null || body.length() > 64 * 1024) {
      return null;
    }
    try {
      Map<String, Object> parsed = JSONObjectUtils.parse(body);
      Object credential = parsed.get("credential");
      if (!(credential instanceof Map<?, ?> map)) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      Object label = parsed.get("label");
      return new Credential(
          JSONObjectUtils.toJSONString(typed), label instanceof String s ? s : null);
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  /** The challenge of the ceremony in progress, removed from the session (used once). */
  static PasskeyCeremonies.Challenge takeChallenge(HttpServletRequest request, String attribute) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object value = session.getAttribute(attribute);
    session.removeAttribute(attribute);
    return value instanceof PasskeyCeremonies.Challenge c ? c : null;
  }
}
