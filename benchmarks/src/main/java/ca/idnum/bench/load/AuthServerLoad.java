package ca.idnum.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The starting points of the token scenarios of {@code scripts/bench-auth.sh}, which run with wrk:
 * logs in {@code --tokens N} times (1 by default) at a running auth-server, as a citizen's browser
 * and a relying party do (authorization request with PKCE, login form, consent when asked, code
 * exchanged at the token endpoint), and prints the {@code --token-kind} token ({@code
 * refresh_token} or {@code access_token}) of each, one per line. Aimed at the loopback only.
 *
 * <p>Until session 12 it was also the load generator of the Argon2id ceiling for logins; the
 * ceiling now hashes with the server's own hasher ({@code
 * ca.idnum.auth.citizen.password.HashingCeiling}, run from the server's jar).
 */
public final class AuthServerLoad {

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Options options;
  private final HttpClient http;

  private AuthServerLoad(Options options) {
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    AuthServerLoad load = new AuthServerLoad(options);
    // preparation for wrk: the refresh or access tokens of that many complete logins
    for (int i = 0; i < options.tokens; i++) {
      System.out.println(load.loginForTokens(options.tokenKind).orElseThrow());
    }
  }

  // --- scenarios ---

  /** One complete password login through to the authorization code. */
  private Optional<String> authorizationCode(Verifier verifier)
      throws IOException, InterruptedException {
    Map<String, String> cookies = new LinkedHashMap<>();
    String state = random();
    String authorize =
        "/oauth2/authorize?"
            + query(
                Map.of(
                    "response_type",
                    "code",
                    "client_id",
                    options.rpClient,
                    "redirect_uri",
                    options.redirectUri,
                    "scope",
                    "openid profile",
                    "state",
                    state,
                    "nonce",
                    random(),
                    "code_challenge",
                    verifier.challenge(),
                    "code_challenge_method",
                    "S256"));
    HttpResponse<String> r = sendWithCookies(get(authorize), cookies);
    // the login page answers the authorization request itself (a redirect to it before session 10)
    String loginUrl = location(r).orElse(null);
    if (r.statusCode() == 302 && loginUrl != null) {
      r = sendWithCookies(get(loginUrl), cookies);
    }
    Matcher m = CSRF.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      return Optional.empty();
    }
    String csrf = m.group(1) != null ? m.group(1) : m.group(2);
    r =
        sendWithCookies(
            form(
                "/login",
                Map.of(
                    "username",
                    options.username,
                    "password",
                    options.password,
                    "_csrf",
                    csrf.replace("&#45;", "-"))),
            cookies);
    // Follow redirects (saved request, consent already given) until the client's redirect URI.
    for (int hop = 0; hop < 6; hop++) {
      if (r.statusCode() == 200 && r.body().contains("name=\"scope\"")) {
        r = sendWithCookies(consent(r.body()), cookies); // first login of the run: approve once
        continue;
      }
      if (r.statusCode() != 302) {
        break;
      }
      String next = location(r).orElse("");
      if (next.startsWith(options.redirectUri)) {
        return queryParam(next, "code");
      }
      r = sendWithCookies(get(next), cookies);
    }
    return Optional.empty();
  }

  /** The consent form's approval: every requested scope, with the form's hidden fields. */
  private HttpRequest.Builder consent(String page) {
    StringBuilder body = new StringBuilder();
    Matcher hidden =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .matcher(page);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (hidden.find()) {
      if (seen.add(hidden.group(1))) {
        append(body, hidden.group(1), unescape(hidden.group(2)));
      }
    }
    Matcher scope = Pattern.compile("name=\"scope\"[^>]*value=\"([^\"]+)\"").matcher(page);
    while (scope.find()) {
      append(body, "scope", scope.group(1));
    }
    return HttpRequest.newBuilder(resolve("/oauth2/authorize"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  private static void append(StringBuilder body, String name, String value) {
    body.append(body.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String unescape(String html) {
    return html.replace("&#61;", "=").replace("&#45;", "-").replace("&amp;", "&");
  }

  /** A complete login and code grant: the named token of the response. */
  private Optional<String> loginForTokens(String name) throws IOException, InterruptedException {
    Verifier verifier = new Verifier();
    Optional<String> code = authorizationCode(verifier);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    HttpResponse<String> r =
        send(
            form(
                    "/oauth2/token",
                    Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code.get(),
                        "redirect_uri",
                        options.redirectUri,
                        "code_verifier",
                        verifier.value))
                .header("Authorization", basic(options.rpClient, options.rpSecret))
                .build());
    return r.statusCode() == 200 ? jsonString(r.body(), name) : Optional.empty();
  }

  // --- HTTP helpers ---

  private HttpRequest.Builder get(String pathOrUrl) {
    return HttpRequest.newBuilder(resolve(pathOrUrl)).timeout(Duration.ofSeconds(30)).GET();
  }

  private HttpRequest.Builder form(String path, Map<String, String> fields) {
    return HttpRequest.newBuilder(resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(query(fields)));
  }

  private URI resolve(String pathOrUrl) {
    return pathOrUrl.startsWith("http")
        ? URI.create(pathOrUrl)
        : URI.create(options.target + pathOrUrl);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> sendWithCookies(
      HttpRequest.Builder builder, Map<String, String> cookies)
      throws IOException, InterruptedException {
    if (!cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k + "=" + v));
      builder.header("Cookie", header.toString());
    }
    HttpResponse<String> r = send(builder.build());
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return r;
  }

  private static Optional<String> location(HttpResponse<?> r) {
    return r.headers().firstValue("Location");
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

  private static Optional<String> jsonString(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String query(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach(
        (k, v) ->
            b.append(b.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  private static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A PKCE code verifier and its S256 challenge. */
  private static final class Verifier {
    private final String value = random() + random();

    String challenge() {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Command-line options; every one has a default matching the embedded default's demo data. */
  private static final class Options {
    String target = "http://127.0.0.1:9000";
    String rpClient = "demo-rp";
    String rpSecret = "demo-rp-secret-for-local-testing-only";
    String redirectUri = "http://localhost:8080/callback";
    String username = "demo@idnum.example";
    String password = "Demo-citoyen-2026!";
    int tokens = 1;
    String tokenKind = "refresh_token";

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (!name.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + name);
        }
        String value = args[++i];
        switch (name) {
          case "--target" -> o.target = value.replaceAll("/+$", "");
          case "--rp-client" -> o.rpClient = value;
          case "--rp-secret" -> o.rpSecret = value;
          case "--redirect-uri" -> o.redirectUri = value;
          case "--username" -> o.username = value;
          case "--password" -> o.password = value;
          case "--tokens" -> o.tokens = Integer.parseInt(value);
          case "--token-kind" -> o.tokenKind = value;
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      URI target = URI.create(o.target);
      String host = target.getHost();
      if (host == null
          || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
        throw new IllegalArgumentException("this tool only targets the loopback");
      }
      return o;
    }
  }
}
