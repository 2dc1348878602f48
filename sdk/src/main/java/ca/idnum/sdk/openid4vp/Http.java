package ca.idnum.sdk.openid4vp;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.sdk.openid4vp.OpenId4VpException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The few HTTP exchanges of OpenID4VP, with bounded response sizes. */
final class Http {
  private static final int MAX = 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  Http(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  record Answer(int status, String body, String contentType) {}

  Answer send(HttpRequest.Builder b) throws OpenId4VpException {
    try {
      HttpResponse<InputStream> r =
          client.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = r.body()) {
        bytes = in.readNBytes(MAX + 1);
      }
      if (bytes.length > MAX) {
        throw new OpenId4VpException(Reason.TRANSPORT, "response too large");
      }
      return new Answer(
          r.statusCode(),
          new String(bytes, StandardCharsets.UTF_8),
          r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new OpenId4VpException(Reason.TRANSPORT, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenId4VpException(Reason.TRANSPORT, "interrupted");
    }
  }

  /** The JSON object of a 2xx answer, or the OAuth error as an exception. */
  static Map<String, Object> json(Answer a) throws OpenId4VpException {
    Map<String, Object> m;
    try {
      m = a.body().isBlank() ? Map.of() : JsonObjects.parse(a.body());
    } catch (ParseException e) {
      throw new OpenId4VpException(Reason.TRANSPORT, a.status(), null, "the answer is not JSON");
    }
    if (a.status() / 100 != 2) {
      throw new OpenId4VpException(
          Reason.ERROR_RESPONSE,
          a.status(),
          m.get("error") instanceof String s ? s : "http_" + a.status(),
          m.get("error_description") instanceof String d ? d : null);
    }
    return m;
  }

  static String form(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = uri.getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      out.putIfAbsent(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
