package ca.idnum.auth.oidc.token;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;

class RotatingRefreshTokenGeneratorTest {

  private static final Instant LOGIN = Instant.parse("2026-11-23T08:00:00Z");

  private final RegisteredClient client =
      RegisteredClient.withId("id")
          .clientId("rp")
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
          .redirectUri("https://rp.example/cb")
          .tokenSettings(
              TokenSettings.builder()
                  .refreshTokenTimeToLive(Duration.ofHours(8))
                  .setting(IdnumRegisteredClients.REFRESH_ABSOLUTE_TTL, Duration.ofHours(24))
                  .build())
          .build();

  private final OAuth2Authorization authorization =
      OAuth2Authorization.withRegisteredClient(client)
          .principalName("citizen")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .token(new OAuth2AuthorizationCode("code", LOGIN, LOGIN.plusSeconds(60)))
          .build();

  private OAuth2RefreshToken generateAt(Instant now) {
    return new RotatingRefreshTokenGenerator(Clock.fixed(now, ZoneOffset.UTC))
        .generate(
            DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(new TestingAuthenticationToken("citizen", null))
                .authorization(authorization)
                .tokenType(OAuth2TokenType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .build());
  }

  @Test
  void whenFamilyIsYoungThenSlidingLifetimeApplies() {
    OAuth2RefreshToken token = generateAt(LOGIN.plus(Duration.ofHours(1)));
    assertThat(token.getExpiresAt()).isEqualTo(LOGIN.plus(Duration.ofHours(9)));
    assertThat(token.getTokenValue()).hasSize(43);
  }

  @Test
  void whenFamilyNearsItsAbsoluteLifetimeThenTokensExpireWithIt() {
    OAuth2RefreshToken token = generateAt(LOGIN.plus(Duration.ofHours(20)));
    assertThat(token.getExpiresAt()).isEqualTo(LOGIN.plus(Duration.ofHours(24)));
  }

  @Test
  void whenFamilyIsPastItsAbsoluteLifetimeThenNoTokenIsIssued() {
    assertThat(generateAt(LOGIN.plus(Duration.ofHours(25)))).isNull();
  }
}
