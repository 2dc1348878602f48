package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A step-up in progress, kept in the citizen's session: the level an authorization request needs
 * and where to resume once the missing factor is given.
 *
 * @param level the level to reach
 * @param resumeUrl a path on this server ({@code /oauth2/authorize?...}), never an absolute URL
 * @param clientId the client that asked (for the audit log)
 */
public record StepUp(LevelOfAssurance level, String resumeUrl, String clientId)
    implements Serializable {

  private static final String ATTRIBUTE = StepUp.class.getName();

  public StepUp {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(resumeUrl, "resumeUrl");
    if (!resumeUrl.startsWith("/") || resumeUrl.startsWith("//")) {
      throw new IllegalArgumentException("resumeUrl must be a local path");
    }
  }

  public void save(HttpServletRequest request) {
    request.getSession(true).setAttribute(ATTRIBUTE, this);
  }

  public static Optional<StepUp> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return session.getAttribute(ATTRIBUTE) instanceof StepUp s ? Optional.of(s) : Optional.empty();
  }

  public static void clear(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
    }
  }
}
