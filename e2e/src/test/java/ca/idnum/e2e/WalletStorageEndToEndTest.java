package ca.idnum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.idnum.sdk.openid4vci.AuthorizationRequest;
import ca.idnum.sdk.openid4vci.IssuerMetadata;
import ca.idnum.sdk.openid4vci.OpenId4VciClient;
import ca.idnum.sdk.openid4vci.TokenResponse;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.sdk.wallet.WalletStorageClient;
import ca.idnum.sdk.wallet.WalletStorageException;
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
 * The wallet storage API end to end, over real HTTP between the auth-server and wallet-api jars
 * running as processes, with the SDK playing the wallet app: log in at the SAG (public client
 * {@code idnum-wallet}, PKCE, DPoP) asking for a credential scope and {@code idnum:wallet}, obtain
 * the credential through OpenID4VCI, register the device and its holder key, then store, list, get,
 * export, delete and erase; and the refused cases: no DPoP proof, a proof of another key, an
 * oversized credential, the quota, a revoked device.
 */
class WalletStorageEndToEndTest {

  private static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final OpenId4VciClient wallet = new OpenId4VciClient(Clock.systemUTC());
  private final Map<String, String> register = new ConcurrentHashMap<>();

  @Test
  void whenTheWalletAppLogsInThenItStoresListsGetsExportsDeletesAndErasesItsCredentials()
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
            "--idnum.demo.wallet-audience=" + issuerId + "," + walletBase + "/wallet")) {
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
                  + registerServer.getAddress().getPort(),
              "--idnum.wallet.storage.max-credentials=2",
              "--idnum.wallet.storage.max-credential-bytes=16384")) {
        IssuerMetadata metadata = wallet.discover(issuerId);
        ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
        TokenResponse token = logIn(metadata, sag, List.of("identity"), dpopKey);
        var claims = SignedJWT.parse(token.accessToken()).getJWTClaimsSet();
        assertThat(claims.getAudience()).contains(issuerId, walletBase + "/wallet");
        assertThat(claims.getStringClaim("scope")).contains("idnum:wallet", "idnum:vc:identity");
        register.put(claims.getSubject(), CAMILLE);

        // the credential, through OpenID4VCI with the same token
        ECKey holderKey = new ECKeyGenerator(Curve.P_256).generate();
        String credential =
            wallet.credentials(metadata, token, "identity", List.of(holderKey)).get(0);
        assertThat(verifier(walletBase).verify(credential, null))
            .isInstanceOf(VerificationResult.Verified.class);

        WalletStorageClient storage = new WalletStorageClient(walletBase, Clock.systemUTC());
        Map<String, Object> device =
            storage.registerDevice(token, "Téléphone de Camille", List.of(holderKey));
        String deviceId = (String) device.get("id");

        // store, list, get, export, delete
        String id = (String) storage.store(token, credential).get("id");
        Map<String, Object> listed = storage.list(token);
        assertThat(listed.get("credentials").toString())
            .contains(id)
            .contains(issuerId)
            .doesNotContain("Camille");
        assertThat(storage.get(token, id)).containsEntry("credential", credential);
        Map<String, Object> export = storage.export(token);
        assertThat(export.get("credentials").toString()).contains(credential);
        storage.delete(token, id);
        assertThat(storage.list(token).get("credentials")).asList().isEmpty();

        // refused: no DPoP proof (401 with a DPoP challenge)
        HttpResponse<String> noProof =
            http.send(
                HttpRequest.newBuilder(URI.create(walletBase + "/wallet/credentials"))
                    .header("Authorization", "DPoP " + token.accessToken())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noProof.statusCode()).isEqualTo(401);
        assertThat(noProof.headers().firstValue("WWW-Authenticate").orElseThrow())
            .startsWith("DPoP ");
        assertThat(noProof.body()).contains("invalid_dpop_proof");

        // refused: a proof made with another key than the token's
        TokenResponse stolen =
            new TokenResponse(
                token.accessToken(), "DPoP", 300, new ECKeyGenerator(Curve.P_256).generate());
        WalletStorageException wrongKey =
            catchThrowableOfType(WalletStorageException.class, () -> storage.list(stolen));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.wwwAuthenticate()).startsWith("DPoP ");

        // refused: oversized, then the quota
        WalletStorageException oversized =
            catchThrowableOfType(
                WalletStorageException.class,
                () -> storage.store(token, credential + "x".repeat(20_000)));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.error()).isEqualTo("credential_too_large");
        storage.store(token, credential);
        storage.store(token, credential);
        WalletStorageException quota =
            catchThrowableOfType(
                WalletStorageException.class, () -> storage.store(token, credential));
        assertThat(quota.status()).isEqualTo(409);
        assertThat(quota.error()).isEqualTo("quota_exceeded");

        // history
        assertThat(storage.history(token).get("events").toString())
            .contains("credential_stored", "credential_deleted", "exported", "device_registered");

        // erase everything
        storage.erase(token);
        assertThat(storage.list(token).get("credentials")).asList().isEmpty();
        assertThat(storage.history(token).get("events").toString()).contains("erased");

        // refused: a revoked device
        storage.registerDevice(token, "Téléphone perdu", List.of(holderKey));
        String lost =
            (String)
                ((List<Map<String, Object>>) storage.devices(token).get("devices"))
                    .get(0)
                    .get("id");
        assertThat(lost).isNotEqualTo(deviceId);
        storage.revokeDevice(token, lost);
        WalletStorageException revoked =
            catchThrowableOfType(WalletStorageException.class, () -> storage.list(token));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.error()).isEqualTo("device_revoked");
      }
    } finally {
      registerServer.stop(0);
    }
  }

  /** The app's login: authorization request, login form, consent, redirect, token with DPoP. */
  private TokenResponse logIn(
      IssuerMetadata metadata, String sag, List<String> configurations, ECKey dpopKey)
      throws Exception {
    AuthorizationRequest request =
        wallet.authorizationRequest(
            metadata,
            sag,
            "idnum-wallet",
            REDIRECT_URI,
            configurations,
            List.of("idnum:wallet"),
            dpopKey);
    Map<String, String> cookies = new LinkedHashMap<>();
    // no session yet: the authorization request is answered with the login page
    HttpResponse<String> r = send(get(request.uri().toString()), cookies);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Matcher m = CSRF.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    String csrf = unescape(m.group(1) != null ? m.group(1) : m.group(2));
    r =
        send(
            form(
                sag + "/login",
                "username=demo%40idnum.example&password="
                    + URLEncoder.encode("Demo-citoyen-2026!", StandardCharsets.UTF_8)
                    + "&_csrf="
                    + URLEncoder.encode(csrf, StandardCharsets.UTF_8)),
            cookies);
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
        assertThat(consented).isTrue();
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
