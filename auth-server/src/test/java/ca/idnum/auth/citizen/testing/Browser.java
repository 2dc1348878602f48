package ca.idnum.auth.citizen.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser over a real HTTP client: keeps cookies (session, language), does not follow
 * redirects by itself, and reads the CSRF token of the last page, as a form submission would.
 */
public final class Browser {

  private static final Pattern CSRF =
      Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private Page last;

  public Browser(int port) {
    this.base = "http://localhost:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A response. */
  public record Page(int status, java.net.http.HttpHeaders headers, String body) {

    public Optional<String> location() {
      return headers.firstValue("Location");
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no CSRF token on the page:\n" + body);
      }
      return m.group(1);
    }
  }

  public Page get(String path) {
    return remember(send(HttpRequest.newBuilder(uri(path)).GET()));
  }

  /** Posts a form with the CSRF token of the last page. */
  public Page submit(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", last.csrf());
    return post(path, withToken);
  }

  /** Posts a form exactly as given (no CSRF token unless included). */
  public Page post(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return remember(
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** Follows a redirect response with a GET (as a browser does after a POST). */
  public Page follow(Page redirect) {
    String location =
        redirect.location().orElseThrow(() -> new AssertionError("not a redirect: " + redirect));
    return get(location);
  }

  /**
   * The page with what legitimately differs between two visitors (CSRF token, the address they
   * typed) replaced, to compare pages for account-enumeration resistance.
   */
  public static String comparable(String body, String... typed) {
    String result =
        body.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\" value=\"TOKEN\"");
    for (String t : typed) {
      result = result.replace(t, "TYPED");
    }
    return result;
  }

  public Page last() {
    return last;
  }

  public CookieManager cookies() {
    return cookies;
  }

  private Page remember(Page page) {
    if (page.status() == 200) {
      last = page;
    }
    return page;
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private Page send(HttpRequest.Builder request) {
    request.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Page(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
