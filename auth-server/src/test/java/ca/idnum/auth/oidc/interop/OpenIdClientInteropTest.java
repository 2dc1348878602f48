package ca.idnum.auth.oidc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.oidc.client.ClientMetadata;
import ca.idnum.auth.oidc.client.ClientRegistrations;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.auth.oidc.support.FreePort;
import ca.idnum.auth.oidc.support.NodeScripts;
import ca.idnum.auth.oidc.support.OidcTestConfig;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An OpenID-certified independent relying-party library, panva's {@code openid-client} 6.9 (Node),
 * completes discovery, the code flow with PKCE, ID token validation and userinfo against the
 * provider; for a high-assurance client, private_key_jwt + PAR + DPoP; and RFC 8693 token exchange
 * ({@code genericGrantRequest}) with introspection of the exchanged token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OidcTestConfig.class)
class OpenIdClientInteropTest {

  static final String CALLBACK = "http://127.0.0.1:8080/callback";
  static int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    port = FreePort.find();
    Path dir = Files.createTempDirectory("idnum-interop");
    registry.add("server.port", () -> port);
    registry.add("spring.messages.basename", () -> OidcTestConfig.MESSAGES);
    registry.add("idnum.issuer", () -> "http://localhost:" + port);
    registry.add("idnum.data-dir", dir::toString);
  }

  @Autowired ClientRegistrations registrations;
  @Autowired PairwiseSubjects pairwise;

  @Test
  void openidClientCompletesDiscoveryCodeFlowIdTokenValidationAndUserinfo() throws Exception {
    String secret = "node-rp-secret-0123456789abcdefghijklmnop";
    registrations.register(
        new ClientMetadata(
            "node-rp",
            "Organisme Node",
            "urn:idnum:sector:node",
            "client_secret_basic",
            null,
            List.of("authorization_code", "refresh_token"),
            List.of(CALLBACK),
            List.of(),
            "openid profile email",
            false,
            "RS256",
            List.of(),
            300),
        Optional.of(secret));
    NodeScripts.Result result =
        NodeScripts.run(
            "openid-client/code-flow.mjs",
            Map.of(
                "ISSUER",
                "http://localhost:" + port,
                "CLIENT_ID",
                "node-rp",
                "CLIENT_SECRET",
                secret,
                "REDIRECT_URI",
                CALLBACK,
                "USERNAME",
                OidcTestConfig.loginName(OidcTestConfig.ALICE.toString()),
                "PASSWORD",
                OidcTestConfig.PASSWORD));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<String, Object> rp = JSONObjectUtils.parse(result.lastLine());
    String expectedSub = pairwise.subject("urn:idnum:sector:node", OidcTestConfig.ALICE);
    assertThat(rp)
        .containsEntry("sub", expectedSub)
        .containsEntry("acr", "urn:idnum:loa:1")
        .containsEntry("iss_in_callback", "http://localhost:" + port)
        .containsEntry("refreshed", true);
    assertThat(rp.get("amr")).isEqualTo(List.of("pwd"));
    @SuppressWarnings("unchecked")
    Map<String, Object> userinfo = (Map<String, Object>) rp.get("userinfo");
    assertThat(userinfo)
        .containsEntry("sub", expectedSub)
        .containsEntry("email", "alice@example.org")
        .containsEntry("given_name", "Alice");
  }

  @Test
  void openidClientCompletesPrivateKeyJwtParAndDPoPForAHighAssuranceClient() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("node-fapi-1").generate();
    registrations.register(
        new ClientMetadata(
            "node-fapi",
            "Organisme FAPI",
            "urn:idnum:sector:node-fapi",
            "private_key_jwt",
            new JWKSet(key.toPublicJWK()).toJSONObject(true),
            List.of("authorization_code", "refresh_token"),
            List.of(CALLBACK),
            List.of(),
            "openid profile email",
            true,
            "ES256",
            List.of(),
            300),
        Optional.empty());
    NodeScripts.Result result =
        NodeScripts.run(
            "openid-client/fapi-flow.mjs",
            Map.of(
                "ISSUER",
                "http://localhost:" + port,
                "CLIENT_ID",
                "node-fapi",
                "CLIENT_JWK",
                key.toJSONString(),
                "REDIRECT_URI",
                CALLBACK,
                "USERNAME",
                OidcTestConfig.loginName(OidcTestConfig.BOB.toString()),
                "PASSWORD",
                OidcTestConfig.PASSWORD));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<String, Object> rp = JSONObjectUtils.parse(result.lastLine());
    String expectedSub = pairwise.subject("urn:idnum:sector:node-fapi", OidcTestConfig.BOB);
    assertThat(rp)
        .containsEntry("sub", expectedSub)
        .containsEntry("token_type", "dpop")
        .containsEntry("par", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> userinfo = (Map<String, Object>) rp.get("userinfo");
    assertThat(userinfo)
        .containsEntry("sub", expectedSub)
        .containsEntry("email", "bob@example.org");
  }

  @Test
  void openidClientExchangesTheAccessTokenForADownstreamApi() throws Exception {
    String secret = "node-exchange-secret-0123456789abcdefghijk";
    registrations.register(
        new ClientMetadata(
            "node-exchange",
            "Organisme Node (API aval)",
            "urn:idnum:sector:node-exchange",
            "client_secret_basic",
            null,
            List.of("authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"),
            List.of(CALLBACK),
            List.of(),
            "openid profile email",
            false,
            "RS256",
            List.of("urn:idnum:api:downstream"),
            300),
        Optional.of(secret));
    NodeScripts.Result result =
        NodeScripts.run(
            "openid-client/token-exchange.mjs",
            Map.of(
                "ISSUER",
                "http://localhost:" + port,
                "CLIENT_ID",
                "node-exchange",
                "CLIENT_SECRET",
                secret,
                "REDIRECT_URI",
                CALLBACK,
                "USERNAME",
                OidcTestConfig.loginName(OidcTestConfig.ALICE.toString()),
                "PASSWORD",
                OidcTestConfig.PASSWORD,
                "AUDIENCE",
                "urn:idnum:api:downstream"));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<String, Object> rp = JSONObjectUtils.parse(result.lastLine());
    String expectedSub = pairwise.subject("urn:idnum:sector:node-exchange", OidcTestConfig.ALICE);
    assertThat(rp)
        .containsEntry("sub", expectedSub)
        .containsEntry("issued_token_type", "urn:ietf:params:oauth:token-type:access_token")
        .containsEntry("token_type", "bearer")
        .containsEntry("scope", "profile")
        .containsEntry("has_refresh_token", false)
        .containsEntry("has_id_token", false)
        .containsEntry("refused", "invalid_target");
    @SuppressWarnings("unchecked")
    Map<String, Object> introspection = (Map<String, Object>) rp.get("introspection");
    assertThat(introspection)
        .containsEntry("active", true)
        .containsEntry("sub", expectedSub)
        .containsEntry("scope", "profile")
        .containsEntry("aud", List.of("urn:idnum:api:downstream"));
    com.nimbusds.jwt.JWTClaimsSet exchanged =
        com.nimbusds.jwt.SignedJWT.parse((String) rp.get("access_token")).getJWTClaimsSet();
    assertThat(exchanged.getAudience()).containsExactly("urn:idnum:api:downstream");
    assertThat(exchanged.getSubject()).isEqualTo(expectedSub);
  }
}
