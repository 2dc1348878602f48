package ca.idnum.auth.oidc.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.idnum.server.store.InMemoryShortLivedStore;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class StoreAuthorizationServiceTest {

  private final Clock clock = Clock.systemUTC();
  private final StoreAuthorizationService service =
      new StoreAuthorizationService(new InMemoryShortLivedStore(clock), clock);
  private final RegisteredClient client =
      RegisteredClient.withId("client-row")
          .clientId("rp")
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("https://rp.example/cb")
          .build();

  private OAuth2Authorization pending(String code) {
    Instant now = clock.instant();
    return OAuth2Authorization.withRegisteredClient(client)
        .id("az-" + code)
        .principalName("citizen")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .attribute(
            java.security.Principal.class.getName(),
            new TestingAuthenticationToken("citizen", null, "FACTOR_PASSWORD"))
        .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(60)))
        .build();
  }

  /** {@code authorization} rotated to the refresh token {@code value}. */
  private OAuth2Authorization withRefreshToken(OAuth2Authorization authorization, String value) {
    Instant now = clock.instant();
    return OAuth2Authorization.from(authorization)
        .refreshToken(new OAuth2RefreshToken(value, now, now.plusSeconds(3600)))
        .build();
  }

  private OAuth2Authorization redeemed(OAuth2Authorization pending, String suffix) {
    Instant now = clock.instant();
    OAuth2AuthorizationCode code = pending.getToken(OAuth2AuthorizationCode.class).getToken();
    return OAuth2Authorization.from(pending)
        .accessToken(
            new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, "at-" + suffix, now, now.plusSeconds(300)))
        .refreshToken(new OAuth2RefreshToken("rt-" + suffix, now, now.plusSeconds(3600)))
        .invalidate(code)
        .build();
  }

  @Test
  void whenSavedThenFoundByIdAndByEachTokenButNotByAnotherType() {
    OAuth2Authorization pending = pending("code-1");
    service.save(pending);
    assertThat(service.findById(pending.getId())).isNotNull();
    assertThat(service.findByToken("code-1", new OAuth2TokenType("code"))).isNotNull();
    assertThat(service.findByToken("code-1", null)).isNotNull();
    assertThat(service.findByToken("code-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
    service.save(redeemed(pending, "1"));
    assertThat(service.findByToken("at-1", OAuth2TokenType.ACCESS_TOKEN).getId())
        .isEqualTo(pending.getId());
    assertThat(service.findByToken("rt-1", OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
  }

  private static void inRequest(MockHttpServletRequest request, Runnable work) {
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    try {
      work.run();
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }

  @Test
  void whenOneCodeIsRedeemedConcurrentlyTwiceThenTheSecondFailsAndRevokesTheFirst() {
    OAuth2Authorization pending = pending("code-2");
    service.save(pending);
    OAuth2Authorization[] read = new OAuth2Authorization[2];
    MockHttpServletRequest first = new MockHttpServletRequest();
    MockHttpServletRequest second = new MockHttpServletRequest();
    // both requests read the code while it is still active ...
    inRequest(first, () -> read[0] = service.findByToken("code-2", null));
    inRequest(second, () -> read[1] = service.findByToken("code-2", new OAuth2TokenType("code")));
    // ... the first saves its redemption, the second loses the race
    inRequest(first, () -> service.save(redeemed(read[0], "a")));
    inRequest(
        second,
        () ->
            assertThatThrownBy(() -> service.save(redeemed(read[1], "b")))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .extracting(e -> ((OAuth2AuthenticationException) e).getError().getErrorCode())
                .isEqualTo("invalid_grant"));
    assertThat(service.findByToken("at-a", OAuth2TokenType.ACCESS_TOKEN)).isNull();
    assertThat(service.findByToken("rt-a", OAuth2TokenType.REFRESH_TOKEN)).isNull();
    assertThat(service.findByToken("at-b", OAuth2TokenType.ACCESS_TOKEN)).isNull();
  }

  @Test
  void whenARequestIsRefusedBeforeTheGrantThenTheCodeIsNotConsumed() {
    OAuth2Authorization pending = pending("code-4");
    service.save(pending);
    inRequest(new MockHttpServletRequest(), () -> service.findByToken("code-4", null));
    MockHttpServletRequest retry = new MockHttpServletRequest();
    OAuth2Authorization[] read = new OAuth2Authorization[1];
    inRequest(retry, () -> read[0] = service.findByToken("code-4", null));
    assertThat(read[0].getToken(OAuth2AuthorizationCode.class).isInvalidated()).isFalse();
    inRequest(retry, () -> service.save(redeemed(read[0], "c")));
    assertThat(service.findByToken("at-c", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
  }

  @Test
  void whenRotatedRefreshTokenIsPresentedThenTheFamilyIsRevoked() {
    OAuth2Authorization pending = pending("code-3");
    service.save(pending);
    OAuth2Authorization issued = redeemed(pending, "x");
    service.save(issued);
    Instant now = clock.instant();
    OAuth2Authorization rotated =
        OAuth2Authorization.from(withRefreshToken(issued, "rt-y"))
            .accessToken(
                new OAuth2AccessToken(
                    OAuth2AccessToken.TokenType.BEARER, "at-y", now, now.plusSeconds(300)))
            .build();
    service.save(rotated);
    assertThat(service.findByToken("rt-y", OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
    assertThat(service.findByToken("rt-x", OAuth2TokenType.REFRESH_TOKEN)).isNull();
    assertThat(service.findByToken("rt-y", OAuth2TokenType.REFRESH_TOKEN)).isNull();
    assertThat(service.findByToken("at-y", OAuth2TokenType.ACCESS_TOKEN)).isNull();
  }

  @Test
  void whenAnotherNodeRotatesOrRevokesThenThisNodeSeesTheStoreNotWhatItDecodedBefore() {
    InMemoryShortLivedStore shared = new InMemoryShortLivedStore(clock);
    StoreAuthorizationService nodeA = new StoreAuthorizationService(shared, clock);
    StoreAuthorizationService nodeB = new StoreAuthorizationService(shared, clock);
    OAuth2Authorization pending = pending("code-5");
    nodeA.save(pending);
    nodeA.save(redeemed(pending, "p"));
    // node A has decoded the first version; node B rotates the chain
    OAuth2Authorization onA = nodeA.findByToken("rt-p", OAuth2TokenType.REFRESH_TOKEN);
    assertThat(onA.getRefreshToken().getToken().getTokenValue()).isEqualTo("rt-p");
    OAuth2Authorization onB = nodeB.findByToken("rt-p", OAuth2TokenType.REFRESH_TOKEN);
    nodeB.save(withRefreshToken(onB, "rt-q"));
    assertThat(nodeA.findById(pending.getId()).getRefreshToken().getToken().getTokenValue())
        .isEqualTo("rt-q");
    assertThat(nodeA.findByToken("rt-q", OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
    // the old token presented to node A is a reuse: the family is revoked for both nodes
    assertThat(nodeA.findByToken("rt-p", OAuth2TokenType.REFRESH_TOKEN)).isNull();
    assertThat(nodeB.findById(pending.getId())).isNull();
    assertThat(nodeB.findByToken("rt-q", OAuth2TokenType.REFRESH_TOKEN)).isNull();
  }

  @Test
  void whenAnotherNodeRemovesTheAuthorizationThenThisNodeFindsItNoMore() {
    InMemoryShortLivedStore shared = new InMemoryShortLivedStore(clock);
    StoreAuthorizationService nodeA = new StoreAuthorizationService(shared, clock);
    StoreAuthorizationService nodeB = new StoreAuthorizationService(shared, clock);
    OAuth2Authorization pending = pending("code-6");
    nodeA.save(pending);
    OAuth2Authorization issued = redeemed(pending, "r");
    nodeA.save(issued);
    assertThat(nodeA.findById(pending.getId())).isNotNull();
    nodeB.remove(issued);
    assertThat(nodeA.findById(pending.getId())).isNull();
    assertThat(nodeA.findByToken("at-r", OAuth2TokenType.ACCESS_TOKEN)).isNull();
  }
}
