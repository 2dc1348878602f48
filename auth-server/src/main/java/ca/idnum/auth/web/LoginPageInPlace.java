package ca.idnum.auth.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Answers a relying party's authorization request that needs a login with the login page itself
 * rather than a redirect to {@code /login}: the citizen's browser saves a round trip. The request
 * is saved beforehand as for a redirect (Spring Security's request cache), the page's form posts to
 * {@code /login} as usual, and the successful post resumes the saved request ({@link
 * ResumeAuthorizationRequest}).
 *
 * <p>The page is rendered by a forward to {@code /login} that hides the authorization request's
 * parameters (the login page reads its own: {@code error}, {@code expired}...). Its language links
 * lead to {@code /login?lang=…} ({@link PageModelAdvice}), which keeps the saved request. Anything
 * but a GET is redirected to the login page as before: a forwarded POST would reach the login
 * form's processing.
 */
public final class LoginPageInPlace implements AuthenticationEntryPoint {

  private static final String LOGIN_PAGE = "/login";

  private final AuthenticationEntryPoint redirect =
      new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException, ServletException {
    if (!HttpMethod.GET.matches(request.getMethod())) {
      redirect.commence(request, response, exception);
      return;
    }
    request
        .getRequestDispatcher(LOGIN_PAGE)
        .forward(new WithParameters(request, Map.of()), response);
  }
}
