package ca.idnum.wallet.verifier;

import ca.idnum.sdk.statuslist.StatusListCache;
import ca.idnum.sdk.statuslist.StatusListCachePolicy;
import ca.idnum.sdk.statuslist.StatusListException;
import ca.idnum.sdk.statuslist.StatusListReference;
import ca.idnum.sdk.statuslist.StatusListTokenVerifier;
import ca.idnum.sdk.statuslist.TokenStatus;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.issuer.IssuerDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Status list checks for presented credentials (Token Status List §8.3), through the SDK's {@link
 * StatusListCache}: a list is fetched over HTTP, its signature checked against the platform root CA
 * ({@code x5c}), and kept for its {@code ttl}.
 */
@Component
public final class CredentialStatus {

  private static final int MAX = 4 * 1024 * 1024;

  private final StatusListCache cache;

  public CredentialStatus(IssuerDirectory issuers, Clock clock) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.cache =
        new StatusListCache(
            uri -> fetch(http, uri),
            StatusListTokenVerifier.withDefaults(
                (header, uri) -> {
                  try {
                    return Optional.of(
                        new X5cChainResolver(
                                X5cChainResolver.anchorsOf(List.of(issuers.root().certificate())),
                                clock,
                                false)
                            .resolve(header, Map.of()));
                  } catch (Exception e) {
                    return Optional.empty();
                  }
                },
                clock),
            clock,
            StatusListCachePolicy.defaults());
  }

  /** The status of the credential with these (verified) claims. */
  TokenStatus statusOf(Map<String, Object> claims) throws StatusListException {
    return cache.status(StatusListReference.fromClaims(claims));
  }

  private static String fetch(HttpClient http, URI uri) throws IOException {
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IOException("unsupported scheme");
    }
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(3))
                  .header("Accept", "application/statuslist+jwt")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] b;
      try (InputStream in = r.body()) {
        b = in.readNBytes(MAX + 1);
      }
      if (r.statusCode() != 200 || b.length > MAX) {
        throw new IOException("status list not served");
      }
      return new String(b, StandardCharsets.US_ASCII);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
