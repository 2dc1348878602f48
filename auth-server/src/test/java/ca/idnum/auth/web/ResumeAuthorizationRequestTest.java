package ca.idnum.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The saved authorization request's parameters, as the authorization endpoint reads them on the
 * forward that answers the login form (the flows themselves are in {@code AbstractOidcFlowTest}).
 */
class ResumeAuthorizationRequestTest {

  @Test
  void whenTheQueryHasEscapesPlusSignsAndRepeatsThenItsParametersAreDecodedAsByTheContainer() {
    Map<String, String[]> parameters =
        ResumeAuthorizationRequest.parse(
            "client_id=rp&scope=openid+profile&state=%C3%A9tat%201%2B2&resource=a&resource=b&flag&&=x");
    assertThat(parameters.get("client_id")).containsExactly("rp");
    assertThat(parameters.get("scope")).containsExactly("openid profile");
    assertThat(parameters.get("state")).containsExactly("état 1+2");
    assertThat(parameters.get("resource")).containsExactly("a", "b");
    assertThat(parameters.get("flag")).containsExactly("");
    assertThat(parameters.get("")).containsExactly("x");
    assertThat(parameters.keySet())
        .containsExactly("client_id", "scope", "state", "resource", "flag", "");
  }

  @Test
  void whenThereIsNoQueryThenThereAreNoParameters() {
    assertThat(ResumeAuthorizationRequest.parse(null)).isEmpty();
    assertThat(ResumeAuthorizationRequest.parse("")).isEmpty();
  }

  @Test
  void whenAnEscapeIsMalformedThenParsingFailsAndTheLoginFallsBackToTheRedirect() {
    assertThatThrownBy(() -> ResumeAuthorizationRequest.parse("state=%zz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
