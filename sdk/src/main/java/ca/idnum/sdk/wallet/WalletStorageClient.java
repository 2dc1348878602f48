package ca.idnum.sdk.wallet;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.sdk.openid4vci.Proofs;
import ca.idnum.sdk.openid4vci.TokenResponse;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wallet app's client of the platform's wallet storage API ({@code /wallet/**} of wallet-api):
 * every call carries {@code Authorization: DPoP <token>} and a fresh DPoP proof (RFC 9449) signed
 * by the token's key, for an access token of the SAG with the scope {@code idnum:wallet}. Errors
 * come back as {@link WalletStorageException} with the API's {@code error} code.
 */
public final class WalletStorageClient {

  private final HttpClient http;
  private final Clock clock;
  private final String base;
  private final Duration timeout;

  /**
   * @param walletApi the wallet API's base URL (for example {@code https://wallet.idnum.example})
   */
  public WalletStorageClient(String walletApi, Clock clock) {
    this(HttpClient.newHttpClient(), walletApi, clock, Duration.ofSeconds(10));
  }

  public WalletStorageClient(HttpClient http, String walletApi, Clock clock, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    String b = Objects.requireNonNull(walletApi, "walletApi");
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  /** Registers this device (its DPoP key) with the public {@code holderKeys}. */
  public Map<String, Object> registerDevice(
      TokenResponse token, String name, List<? extends JWK> holderKeys)
      throws WalletStorageException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("holderKeys", holderKeys.stream().map(k -> k.toPublicJWK().toJSONObject()).toList());
    return call(token, "POST", "/wallet/devices", JSONObjectUtils.toJSONString(body));
  }

  /** Adds public holder keys to device {@code deviceId}. */
  public Map<String, Object> addHolderKeys(
      TokenResponse token, String deviceId, List<? extends JWK> holderKeys)
      throws WalletStorageException {
    Map<String, Object> body =
        Map.of("holderKeys", holderKeys.stream().map(k -> k.toPublicJWK().toJSONObject()).toList());
    return call(
        token,
        "POST",
        "/wallet/devices/" + deviceId + "/holder-keys",
        JSONObjectUtils.toJSONString(body));
  }

  /** The devices of this wallet. */
  public Map<String, Object> devices(TokenResponse token) throws WalletStorageException {
    return call(token, "GET", "/wallet/devices", null);
  }

  /** Revokes device {@code deviceId}. */
  public void revokeDevice(TokenResponse token, String deviceId) throws WalletStorageException {
    call(token, "DELETE", "/wallet/devices/" + deviceId, null);
  }

  /** Stores an SD-JWT VC; returns its metadata, with its {@code id}. */
  public Map<String, Object> store(TokenResponse token, String credential)
      throws WalletStorageException {
    return call(
        token,
        "POST",
        "/wallet/credentials",
        JSONObjectUtils.toJSONString(Map.of("credential", credential, "format", "dc+sd-jwt")));
  }

  /** The stored credentials' metadata ({@code credentials}) and the {@code quota}. */
  public Map<String, Object> list(TokenResponse token) throws WalletStorageException {
    return call(token, "GET", "/wallet/credentials", null);
  }

  /** One stored credential: its metadata and the {@code credential}. */
  public Map<String, Object> get(TokenResponse token, String id) throws WalletStorageException {
    return call(token, "GET", "/wallet/credentials/" + id, null);
  }

  /** Deletes one stored credential. */
  public void delete(TokenResponse token, String id) throws WalletStorageException {
    call(token, "DELETE", "/wallet/credentials/" + id, null);
  }

  /** Everything the platform holds for this wallet (portability). */
  public Map<String, Object> export(TokenResponse token) throws WalletStorageException {
    return call(token, "GET", "/wallet/export", null);
  }

  /** Erases everything (credentials, devices, history, keys). */
  public void erase(TokenResponse token) throws WalletStorageException {
    call(token, "DELETE", "/wallet", null);
  }

  /** The history, newest first ({@code events}). */
  public Map<String, Object> history(TokenResponse token) throws WalletStorageException {
    return call(token, "GET", "/wallet/history", null);
  }

  private Map<String, Object> call(TokenResponse token, String method, String path, String json)
      throws WalletStorageException {
    String uri = base + path;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(timeout)
            .header("Authorization", "DPoP " + token.accessToken())
            .header(
                "DPoP",
                Proofs.dpop(token.dpopKey(), method, uri, token.accessToken(), clock.instant()));
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WalletStorageException(0, "unreachable", "the wallet API cannot be reached", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletStorageException(0, "interrupted", null, null);
    }
    Map<String, Object> body = Map.of();
    if (r.body() != null && !r.body().isBlank()) {
      try {
        body = JsonObjects.parse(r.body());
      } catch (ParseException e) {
        throw new WalletStorageException(r.statusCode(), "invalid_response", "not JSON", null);
      }
    }
    if (r.statusCode() >= 400) {
      throw new WalletStorageException(
          r.statusCode(),
          body.get("error") instanceof String e ? e : "http_" + r.statusCode(),
          body.get("error_description") instanceof String d ? d : null,
          r.headers().firstValue("WWW-Authenticate").orElse(null));
    }
    return body;
  }
}
