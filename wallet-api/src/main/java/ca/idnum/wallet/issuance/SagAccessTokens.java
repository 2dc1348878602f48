package ca.idnum.wallet.issuance;

import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.issuer.Issuer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Access tokens issued by the SAG ({@code auth-server}) in the authorization code flow (RFC 9068):
 * signature by the SAG's JWK set (fetched when first needed, then cached), {@code typ at+jwt},
 * {@code iss} the SAG, not expired, {@code aud} containing the credential issuer identifier, a DPoP
 * binding {@code cnf.jkt}, and a {@code sub}. The {@code scope} values {@code idnum:vc:<id>} select
 * the credential configurations of this issuer the token covers. The register subject is the
 * token's {@code sub} (the citizen's pairwise subject for the wallet app's sector), or, when the
 * issuer is configured so, an identifier of the identity the SAG verified ({@code idnum_verified}).
 */
@Component
public final class SagAccessTokens {

  /** The access-token object in which the SAG releases the identity it verified once. */
  static final String VERIFIED_IDENTITY_CLAIM = "idnum_verified";

  private final NimbusJwtDecoder decoder;
  private final WalletProperties properties;

  public SagAccessTokens(WalletProperties properties, Clock clock) {
    this.properties = properties;
    decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.authJwkSetUri().toString())
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .jwsAlgorithm(SignatureAlgorithm.PS256)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .jwsAlgorithm(SignatureAlgorithm.ES384)
            .build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
    timestamps.setClock(clock);
    OAuth2TokenValidator<Jwt> validator =
        new DelegatingOAuth2TokenValidator<>(
            timestamps,
            new JwtIssuerValidator(properties.authIssuer()),
            new JwtTypeValidator("at+jwt"));
    decoder.setJwtValidator(validator);
  }

  /** Whether {@code token} has the shape of a JWT (three base64url parts) rather than opaque. */
  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * Validates {@code token} for {@code issuer} and returns what it allows.
   *
   * @throws IssuanceException with {@code invalid_token} when it is not acceptable here
   */
  public AccessTokens.TokenGrant grant(Issuer issuer, String token) {
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (BadJwtException e) {
      throw invalid("the access token is not valid");
    } catch (JwtException e) {
      throw new IssuanceException(
          new IssuanceError.TemporarilyUnavailable(
              "the authorization server keys are unavailable"));
    }
    List<String> audience = jwt.getAudience();
    if (audience == null || !audience.contains(issuer.issuerId())) {
      throw invalid("the access token is not meant for this credential issuer");
    }
    Object cnf = jwt.getClaims().get("cnf");
    if (!(cnf instanceof Map<?, ?> confirmation)
        || !(confirmation.get("jkt") instanceof String jkt)
        || jkt.isBlank()) {
      throw invalid("the access token is not DPoP-bound");
    }
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank()) {
      throw invalid("the access token has no subject");
    }
    Object scope = jwt.getClaims().get("scope");
    Set<String> scopes =
        scope instanceof String s
            ? Arrays.stream(s.trim().split("\\s+")).collect(Collectors.toSet())
            : Set.of();
    List<String> ids =
        issuer.credentialTypes().stream()
            .filter(t -> scopes.contains(t.scope()))
            .map(CredentialType::id)
            .toList();
    return new AccessTokens.TokenGrant(
        issuer.body(), ids, registerSubject(issuer, jwt, subject), jkt, true);
  }

  /**
   * The identifier the issuer's register knows the citizen by: the token's {@code sub}, or the
   * identifier configured by {@code register-subject} from the identity the SAG verified ({@code
   * idnum_verified}), normalised (no spaces or hyphens, upper case) as registers key on it.
   */
  private String registerSubject(Issuer issuer, Jwt jwt, String subject) {
    WalletProperties.IssuerProperties config = properties.issuers().get(issuer.body());
    String claim = config == null ? "sub" : config.registerSubject();
    if ("sub".equals(claim)) {
      return subject;
    }
    if (jwt.getClaims().get(VERIFIED_IDENTITY_CLAIM) instanceof Map<?, ?> verified
        && verified.get(claim) instanceof String value
        && !value.isBlank()) {
      return value.replaceAll("[\\s-]+", "").toUpperCase(java.util.Locale.ROOT);
    }
    throw new IssuanceException(
        new IssuanceError.CredentialRequestDenied(
            "this issuer needs the identity the SAG verified: verify your identity in your"
                + " government account (identity proofing), then ask again"));
  }

  private static IssuanceException invalid(String description) {
    return new IssuanceException(new IssuanceError.InvalidToken(description));
  }
}
