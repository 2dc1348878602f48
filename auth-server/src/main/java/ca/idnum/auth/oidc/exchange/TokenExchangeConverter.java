package ca.idnum.auth.oidc.exchange;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Parses a token exchange request (RFC 8693 §2.1) at the token endpoint into a {@link
 * TokenExchangeRequest}; other grants are left to Spring Authorization Server. Only access tokens
 * are exchanged for access tokens; the target is one downstream API named by {@code audience}
 * and/or {@code resource} (RFC 8707: an absolute URI without fragment); no parameter may repeat
 * except these two (when they name the same target).
 */
public final class TokenExchangeConverter implements AuthenticationConverter {

  private static final List<String> SINGLE =
      List.of(
          OAuth2ParameterNames.SUBJECT_TOKEN,
          OAuth2ParameterNames.SUBJECT_TOKEN_TYPE,
          OAuth2ParameterNames.ACTOR_TOKEN,
          OAuth2ParameterNames.ACTOR_TOKEN_TYPE,
          OAuth2ParameterNames.REQUESTED_TOKEN_TYPE,
          OAuth2ParameterNames.SCOPE);

  @Override
  public Authentication convert(HttpServletRequest request) {
    if (!AuthorizationGrantType.TOKEN_EXCHANGE
        .getValue()
        .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
      return null;
    }
    for (String name : SINGLE) {
      String[] values = request.getParameterValues(name);
      if (values != null && values.length > 1) {
        throw TokenExchangeError.REPEATED_PARAMETER.exception();
      }
    }
    String subjectToken = text(request, OAuth2ParameterNames.SUBJECT_TOKEN);
    if (subjectToken == null) {
      throw TokenExchangeError.MISSING_SUBJECT_TOKEN.exception();
    }
    if (!TokenExchangeRequest.TOKEN_TYPE_ACCESS_TOKEN.equals(
        text(request, OAuth2ParameterNames.SUBJECT_TOKEN_TYPE))) {
      throw TokenExchangeError.SUBJECT_TOKEN_TYPE.exception();
    }
    String requested = text(request, OAuth2ParameterNames.REQUESTED_TOKEN_TYPE);
    if (requested != null && !TokenExchangeRequest.TOKEN_TYPE_ACCESS_TOKEN.equals(requested)) {
      throw TokenExchangeError.REQUESTED_TOKEN_TYPE.exception();
    }
    String actorToken = text(request, OAuth2ParameterNames.ACTOR_TOKEN);
    String actorTokenType = text(request, OAuth2ParameterNames.ACTOR_TOKEN_TYPE);
    if ((actorToken == null) != (actorTokenType == null)
        || (actorTokenType != null
            && !TokenExchangeRequest.TOKEN_TYPE_ACCESS_TOKEN.equals(actorTokenType))) {
      throw TokenExchangeError.ACTOR_TOKEN_TYPE.exception();
    }
    Set<String> targets = new LinkedHashSet<>();
    for (String resource : values(request, OAuth2ParameterNames.RESOURCE)) {
      targets.add(resource(resource));
    }
    targets.addAll(values(request, OAuth2ParameterNames.AUDIENCE));
    if (targets.isEmpty()) {
      throw TokenExchangeError.MISSING_TARGET.exception();
    }
    if (targets.size() > 1) {
      throw TokenExchangeError.SEVERAL_TARGETS.exception();
    }
    String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
    Optional<Set<String>> scopes =
        scope == null || scope.isBlank()
            ? Optional.empty()
            : Optional.of(new LinkedHashSet<>(List.of(scope.trim().split(" +"))));
    Authentication client = SecurityContextHolder.getContext().getAuthentication();
    return new TokenExchangeAuthentication(
        client,
        new TokenExchangeRequest(
            subjectToken,
            Optional.ofNullable(actorToken),
            targets.iterator().next(),
            scopes,
            Optional.ofNullable(request.getHeader("DPoP"))));
  }

  private static String text(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static List<String> values(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null) {
      return List.of();
    }
    return java.util.Arrays.stream(values).filter(v -> !v.isEmpty()).toList();
  }

  private static String resource(String value) {
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || uri.getFragment() != null) {
        throw TokenExchangeError.MALFORMED_RESOURCE.exception();
      }
      return value;
    } catch (URISyntaxException e) {
      throw TokenExchangeError.MALFORMED_RESOURCE.exception();
    }
  }
}
