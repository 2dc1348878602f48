package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.AuthorizationRequest;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vci.OpenId4VciException;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.X5cChainResolver;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OpenID4VCI authorization code flow with the SAG as the authorization server, over real HTTP
 * between the auth-server and wallet-api jars running as processes. The SDK's OpenID4VCI client
 * plays the wallet app (the demo public client {@code idnum-wallet}): issuer metadata,
 * authorization request with PKCE S256 and {@code dpop_jkt}, the demo citizen's login and consent
 * (HTML forms with cookies, as a browser would), DPoP-bound token, nonce, credential with a {@code
 * jwt} proof, SD-JWT VC verified against the platform root. The issuing body's register is an HTTP
 * API of that body (here a small server of the test) that knows the citizen by the wallet sector's
 * pairwise subject.
 */
class WalletAuthorizationCodeIssuanceTest {

  private static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final OpenId4VciClient wallet = new OpenId4VciClient(Clock.systemUTC());
  private final Map<String, String> register = new ConcurrentHashMap<>();

  @Test
  void whenTheWalletAppLogsInAtTheSagThenItReceivesAVerifiableCredentialBoundToItsKey()
      throws Exception {
    HttpServer registerServer = registerServer();
    int walletPort = RunningServer.freePort();
    String walletBase = "http://localhost:" + walletPort;
    String issuerId = walletBase + "/issuers/e2e";
    try (RunningServer auth =
        RunningServer.start(
            "auth-server",
            "/actuator/health",
            Map.of("IDNUM_DEMO", "true"),
            "--idnum.demo.wallet-redirect-uri=" + REDIRECT_URI,
            "--idnum.demo.wallet-audience=" + issuerId + "," + walletBase + "/issuers/dec")) {
      String sag = "http://localhost:" + auth.port();
      try (RunningServer walletApi =
          RunningServer.startOnPort(
              "wallet-api",
              "/actuator/health",
              walletPort,
              Map.of("IDNUM_AUTH_ISSUER", sag),
              "--idnum.wallet.issuers.e2e.name-fr=Organisme de bout en bout",
              "--idnum.wallet.issuers.e2e.name-en=End-to-end body",
              "--idnum.wallet.issuers.e2e.credential-configurations=identity, proof_of_age",
              "--idnum.wallet.issuers.e2e.register.url=http://127.0.0.1:"
                  + registerServer.getAddress().getPort())) {
        IssuerMetadata metadata = wallet.discover(issuerId);
        assertThat(metadata.raw().get("authorization_servers")).isEqualTo(List.of(issuerId, sag));

        ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
        TokenResponse token = logIn(metadata, sag, List.of("identity"), dpopKey);
        assertThat(token.tokenType()).isEqualTo("DPoP");
        var claims = SignedJWT.parse(token.accessToken()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(sag);
        assertThat(claims.getAudience()).contains(issuerId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("idnum:vc:identity");
        assertThat(claims.getJSONObjectClaim("cnf"))
            .containsEntry("jkt", dpopKey.computeThumbprint().toString());
        // The body's register knows the citizen by the wallet sector's pairwise subject.
        register.put(claims.getSubject(), CAMILLE);

        ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
        String credential =
            wallet.credentials(metadata, token, "identity", List.of(holderKey)).get(0);

        VerificationResult r = verifier(walletBase).verify(credential, null);
        assertThat(r).isInstanceOf(VerificationResult.Verified.class);
        VerificationResult.Verified verified = (VerificationResult.Verified) r;
        assertThat(verified.claims())
            .containsEntry("iss", issuerId)
            .containsEntry("given_name", "Camille")
            .containsEntry("family_name", "Tremblay");
        assertThat(verified.holderKey().toPublicJWK()).isEqualTo(holderKey.toPublicJWK());

        // A configuration outside the token's scope.
        OpenId4VciException outOfScope =
            catchThrowableOfType(
                OpenId4VciException.class,
                () -> wallet.credentials(metadata, token, "proof_of_age", List.of(holderKey)));
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.error()).isEqualTo("insufficient_scope");

        // The token presented with a DPoP proof of another key.
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).generate();
        TokenResponse stolen =
            new TokenResponse(token.accessToken(), "DPoP", token.expiresIn(), otherKey);
        OpenId4VciException wrongKey =
            catchThrowableOfType(
                OpenId4VciException.class,
                () -> wallet.credentials(metadata, stolen, "identity", List.of(holderKey)));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.error()).isEqualTo("invalid_token");

        // The token of one issuer at another issuer whose audience it does not name.
        IssuerMetadata saaq = wallet.discover(walletBase + "/issuers/saaq");
        OpenId4VciException otherIssuer =
            catchThrowableOfType(
                OpenId4VciException.class,
                () -> wallet.credentials(saaq, token, "proof_of_age", List.of(holderKey)));
        assertThat(otherIssuer.status()).isEqualTo(401);
        assertThat(otherIssuer.error()).isEqualTo("invalid_token");
      }
    } finally {
      registerServer.stop(0);
    }
  }

  @Test
  void whenTheDemoCitizenHasProvedHerIdentityOnceThenTheDemoLicenceRegisterFindsHerThroughTheSag()
      throws Exception {
    int walletPort = RunningServer.freePort();
    String walletBase = "http://localhost:" + walletPort;
    String saaqId = walletBase + "/issuers/saaq";
    try (RunningServer auth =
        RunningServer.start(
            "auth-server",
            "/actuator/health",
            Map.of("IDNUM_DEMO", "true"),
            "--idnum.demo.wallet-redirect-uri=" + REDIRECT_URI,
            "--idnum.demo.wallet-audience=" + saaqId)) {
      String sag = "http://localhost:" + auth.port();
      try (RunningServer walletApi =
          RunningServer.startOnPort(
              "wallet-api", "/actuator/health", walletPort, Map.of("IDNUM_AUTH_ISSUER", sag))) {
        IssuerMetadata saaq = wallet.discover(saaqId);
        Map<String, String> browser = new LinkedHashMap<>();
        HttpResponse<String> r = send(get(sag + "/login"), browser);
        r = submitLogin(sag, r.body(), browser);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);

        // Before proving her identity, the licence register cannot know her: refused, clearly.
        ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
        TokenResponse unverified =
            logIn(saaq, sag, List.of("driving_licence"), dpopKey, browser, true);
        assertThat(
                SignedJWT.parse(unverified.accessToken())
                    .getJWTClaimsSet()
                    .getClaim("idnum_verified"))
            .isNull();
        OpenId4VciException denied =
            catchThrowableOfType(
                OpenId4VciException.class,
                () ->
                    wallet.credentials(
                        saaq,
                        unverified,
                        "driving_licence",
                        List.of(new ECKeyGenerator(Curve.P_256).generate())));
        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.error()).isEqualTo("credential_request_denied");

        // She proves her identity once, against the demo register of the SAG.
        r = send(get(sag + "/account/identity"), browser);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        StringBuilder proof = new StringBuilder();
        append(proof, "givenName", "Camille");
        append(proof, "familyName", "Tremblay");
        append(proof, "birthdate", "1985-04-12");
        append(proof, "documentType", "driving_licence_number");
        append(proof, "documentNumber", "T6523-120485-09");
        append(proof, "_csrf", csrf(r.body()));
        r = send(form(sag + "/account/identity", proof.toString()), browser);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 302, 303);

        // Now the access token carries the verified identity and the demo register finds her.
        TokenResponse token = logIn(saaq, sag, List.of("driving_licence"), dpopKey, browser, false);
        Map<String, Object> verifiedIdentity =
            SignedJWT.parse(token.accessToken())
                .getJWTClaimsSet()
                .getJSONObjectClaim("idnum_verified");
        assertThat(verifiedIdentity).containsEntry("driving_licence_number", "T652312048509");
        ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
        String credential =
            wallet.credentials(saaq, token, "driving_licence", List.of(holderKey)).get(0);

        VerificationResult r2 = verifier(walletBase).verify(credential, null);
        assertThat(r2).isInstanceOf(VerificationResult.Verified.class);
        assertThat(((VerificationResult.Verified) r2).claims())
            .containsEntry("iss", saaqId)
            .containsEntry("given_name", "Camille")
            .containsEntry("licence_number", "T652312048509");
      }
    }
  }

  /** The app's login: authorization request, login form, consent, redirect, token with DPoP. */
  private TokenResponse logIn(
      IssuerMetadata metadata, String sag, List<String> configurations, ECKey dpopKey)
      throws Exception {
    return logIn(metadata, sag, configurations, dpopKey, new LinkedHashMap<>(), true);
  }

  /**
   * The same in a browser whose {@code cookies} may already hold a SAG session (then there is no
   * login form) and whose consent may already be given ({@code expectConsent} false).
   */
  private TokenResponse logIn(
      IssuerMetadata metadata,
      String sag,
      List<String> configurations,
      ECKey dpopKey,
      Map<String, String> cookies,
      boolean expectConsent)
      throws Exception {
    AuthorizationRequest request =
        wallet.authorizationRequest(
            metadata, sag, "idnum-wallet", REDIRECT_URI, configurations, dpopKey);
    HttpResponse<String> r = send(get(request.uri().toString()), cookies);
    if (r.statusCode() == 200 && r.body().contains("name=\"password\"")) {
      // no session yet: the authorization request is answered with the login page
      r = submitLogin(sag, r.body(), cookies);
    }
    boolean consented = false;
    for (int hop = 0; hop < 8; hop++) {
      if (r.statusCode() == 200 && r.body().contains("name=\"scope\"")) {
        assertThat(r.body()).contains("portefeuille");
        r = send(consent(sag, r.body()), cookies);
        consented = true;
        continue;
      }
      assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
      String next = location(r);
      if (next.startsWith(REDIRECT_URI)) {
        assertThat(consented).isEqualTo(expectConsent);
        // A public client's code is redeemed only with a DPoP proof (and the PKCE verifier).
        String code = queryParam(next, "code").orElseThrow();
        HttpResponse<String> withoutDpop =
            send(
                form(
                    request.tokenEndpoint().toString(),
                    "grant_type=authorization_code&client_id=idnum-wallet&code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8)
                        + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
                        + "&code_verifier="
                        + request.codeVerifier()),
                new LinkedHashMap<>());
        assertThat(withoutDpop.statusCode()).as(withoutDpop.body()).isEqualTo(400);
        assertThat(withoutDpop.body()).contains("invalid_dpop_proof");
        return wallet.authorizationCodeToken(
            request,
            queryParam(next, "code").orElseThrow(),
            queryParam(next, "state").orElse(null),
            queryParam(next, "iss").orElse(null),
            dpopKey);
      }
      r = send(get(resolve(sag, next)), cookies);
    }
    throw new AssertionError("no redirect to the app: " + r.statusCode() + " " + r.body());
  }

  /** Posts the demo citizen's credentials on the login page {@code page}. */
  private HttpResponse<String> submitLogin(String sag, String page, Map<String, String> cookies)
      throws Exception {
    return send(
        form(
            sag + "/login",
            "username=demo%40idnum.example&password="
                + URLEncoder.encode("Demo-citoyen-2026!", StandardCharsets.UTF_8)
                + "&_csrf="
                + URLEncoder.encode(csrf(page), StandardCharsets.UTF_8)),
        cookies);
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as(page).isTrue();
    return unescape(m.group(1) != null ? m.group(1) : m.group(2));
  }

  /** The consent form's approval: every requested scope, with the form's hidden fields. */
  private static HttpRequest.Builder consent(String sag, String page) {
    StringBuilder body = new StringBuilder();
    Matcher hidden =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .matcher(page);
    Set<String> seen = new HashSet<>();
    while (hidden.find()) {
      if (seen.add(hidden.group(1))) {
        append(body, hidden.group(1), unescape(hidden.group(2)));
      }
    }
    Matcher scope = Pattern.compile("name=\"scope\"[^>]*value=\"([^\"]+)\"").matcher(page);
    while (scope.find()) {
      append(body, "scope", unescape(scope.group(1)));
    }
    return form(sag + "/oauth2/authorize", body.toString());
  }

  private static final String CAMILLE =
      """
      {"claims":{"given_name":"Camille","family_name":"Tremblay","birthdate":"1988-06-21",
       "place_of_birth":"Québec","address":{"street_address":"1050, rue des Parlementaires",
       "locality":"Québec","postal_code":"G1R 5J9","region":"QC","country":"CA"}}}""";

  private HttpServer registerServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/subjects/",
        exchange -> {
          String subject =
              URLDecoder.decode(
                  exchange.getRequestURI().getRawPath().substring("/subjects/".length()),
                  StandardCharsets.UTF_8);
          String json = register.get(subject);
          byte[] body =
              (json == null ? "{\"error\":\"unknown subject\"}" : json)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(json == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private SdJwtVcVerifier verifier(String walletBase) throws Exception {
    HttpResponse<String> root =
        http.send(
            HttpRequest.newBuilder(URI.create(walletBase + "/trust/root-ca.pem")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return new SdJwtVcVerifier(
        VerifierOptions.builder(
                new X5cChainResolver(
                    X5cChainResolver.anchorsOf(List.of(X509CertUtils.parse(root.body()))),
                    Clock.systemUTC()))
            .build());
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET();
  }

  private static HttpRequest.Builder form(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder builder, Map<String, String> cookies)
      throws IOException, InterruptedException {
    if (!cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k + "=" + v));
      builder.header("Cookie", header.toString());
    }
    HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return r;
  }

  private static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow();
  }

  private static String resolve(String base, String location) {
    return location.startsWith("http") ? location : base + location;
  }

  private static Optional<String> queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : url.substring(q + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2 && kv[0].equals(name)) {
        return Optional.of(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void append(StringBuilder body, String name, String value) {
    body.append(body.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String unescape(String html) {
    return html.replace("&#61;", "=")
        .replace("&#45;", "-")
        .replace("&#58;", ":")
        .replace("&amp;", "&");
  }
}
