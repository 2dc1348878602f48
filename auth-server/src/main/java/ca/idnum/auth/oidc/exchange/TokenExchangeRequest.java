package ca.idnum.auth.oidc.exchange;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token exchange request (RFC 8693 §2.1) parsed at the edge.
 *
 * @param subjectToken the access token the client holds for the citizen
 * @param actorToken an access token naming the party that will act (delegation), if any
 * @param target the one downstream API (its {@code audience} or {@code resource} value)
 * @param scopes the requested scopes; empty: the subject token's scopes
 * @param dpopProof the request's {@code DPoP} header, if any (already checked by the DPoP policy)
 */
record TokenExchangeRequest(
    String subjectToken,
    Optional<String> actorToken,
    String target,
    Optional<Set<String>> scopes,
    Optional<String> dpopProof) {

  static final String TOKEN_TYPE_ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

  TokenExchangeRequest {
    Objects.requireNonNull(subjectToken, "subjectToken");
    Objects.requireNonNull(actorToken, "actorToken");
    Objects.requireNonNull(target, "target");
    scopes = scopes.map(Set::copyOf);
    Objects.requireNonNull(dpopProof, "dpopProof");
  }
}
