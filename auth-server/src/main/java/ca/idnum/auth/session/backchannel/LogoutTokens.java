package ca.idnum.auth.session.backchannel;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.client.OidcClient;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * OpenID Connect Back-Channel Logout 1.0 logout tokens: a JWT of type {@code logout+jwt}, signed
 * with this provider's active key of the algorithm the client registered for ID tokens, with {@code
 * iss}, {@code aud} (the client), {@code iat}, {@code exp}, {@code jti}, {@code events}, {@code
 * sid} and the citizen's pairwise {@code sub} for the client's sector; never a {@code nonce}.
 */
public final class LogoutTokens {

  /** The event member of a logout token. */
  public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** The subject of a logout token for an organisation's delegated session. */
  public static final String ORGANISATION_PREFIX = "org:";

  private final JwtEncoder encoder;
  private final PairwiseSubjects pairwise;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;

  public LogoutTokens(
      JwtEncoder encoder,
      PairwiseSubjects pairwise,
      String issuer,
      Duration lifetime,
      Clock clock) {
    this.encoder = encoder;
    this.pairwise = pairwise;
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * The logout token's subject: the citizen's pairwise subject, or an organisation's for {@code
   * org:<organisation id>} (a representative's delegated session, see {@code
   * ca.idnum.auth.mandate.DelegatedSessions}).
   */
  private String subject(OidcClient client, String citizenId) {
    if (citizenId.startsWith(ORGANISATION_PREFIX)) {
      return pairwise.organisationSubject(
          client.sectorIdentifier(), citizenId.substring(ORGANISATION_PREFIX.length()));
    }
    return pairwise.subject(client.sectorIdentifier(), CitizenId.parse(citizenId));
  }

  public String create(OidcClient client, String sid, String citizenId) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(issuer)
            .audience(List.of(client.clientId()))
            .issuedAt(now)
            .expiresAt(now.plus(lifetime))
            .id(UUID.randomUUID().toString())
            .subject(subject(client, citizenId))
            .claim("sid", sid)
            .claim("events", Map.of(EVENT, Map.of()))
            .build();
    JwsHeader header =
        JwsHeader.with(client.idTokenSigningAlg().springValue()).type("logout+jwt").build();
    return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
  }
}
