package ca.idnum.sdk.openid4vci;

import ca.idnum.sdk.json.JsonObjects;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wallet side of OpenID4VCI 1.0: resolve an offer, discover the issuer, get a DPoP-bound access
 * token (pre-authorized code with the {@code tx_code}, or authorization code with PKCE S256 at the
 * authorization server the issuer names), get a {@code c_nonce}, and request one credential per
 * holder key (batch issuance). Thread-safe.
 */
public final class OpenId4VciClient {

  private static final int MAX_RESPONSE = 1024 * 1024;

  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;
  private final Encryption encryption;

  /** A client with its own JDK HTTP client. */
  public OpenId4VciClient(Clock clock) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        clock,
        Duration.ofSeconds(15));
  }

  public OpenId4VciClient(HttpClient http, Clock clock, Duration timeout) {
    this(http, clock, timeout, Encryption.AUTO);
  }

  private OpenId4VciClient(HttpClient http, Clock clock, Duration timeout, Encryption encryption) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
  }

  /**
   * This client with another choice of credential request and response encryption (OpenID4VCI 1.0
   * §10); the default, {@link Encryption#AUTO}, encrypts whenever the issuer's metadata offers it.
   */
  public OpenId4VciClient withEncryption(Encryption encryption) {
    return new OpenId4VciClient(http, clock, timeout, encryption);
  }

  /** The offer in an {@code openid-credential-offer://} link, fetched when given by reference. */
  public CredentialOffer resolveOffer(String link) throws OpenId4VciException {
    CredentialOffer.Reference ref = CredentialOffer.fromLink(link);
    if (ref.offer().isPresent()) {
      return ref.offer().get();
    }
    Map<String, Object> json = getJson(ref.uri().orElseThrow());
    try {
      return CredentialOffer.parse(json);
    } catch (IllegalArgumentException e) {
      throw new OpenId4VciException(0, "invalid_response", "the offer is malformed", null);
    }
  }

  /** Discovers the Credential Issuer and its authorization server's token endpoint. */
  public IssuerMetadata discover(String credentialIssuer) throws OpenId4VciException {
    Map<String, Object> m =
        getJson(IssuerMetadata.wellKnown(credentialIssuer, "openid-credential-issuer"));
    if (!credentialIssuer.equals(m.get("credential_issuer"))) {
      throw new OpenId4VciException(
          0, "invalid_response", "credential_issuer does not match the identifier", null);
    }
    String as = credentialIssuer;
    if (m.get("authorization_servers") instanceof List<?> list
        && !list.isEmpty()
        && list.get(0) instanceof String s) {
      as = s;
    }
    Map<String, Object> asMetadata =
        getJson(IssuerMetadata.wellKnown(as, "oauth-authorization-server"));
    if (!(asMetadata.get("token_endpoint") instanceof String token)) {
      throw new OpenId4VciException(0, "invalid_response", "no token_endpoint", null);
    }
    if (!(m.get("credential_endpoint") instanceof String credential)) {
      throw new OpenId4VciException(0, "invalid_response", "no credential_endpoint", null);
    }
    int batch = 1;
    if (m.get("batch_credential_issuance") instanceof Map<?, ?> b
        && b.get("batch_size") instanceof Number n) {
      batch = n.intValue();
    }
    return new IssuerMetadata(
        credentialIssuer,
        URI.create(credential),
        m.get("nonce_endpoint") instanceof String n ? URI.create(n) : null,
        URI.create(token),
        batch,
        m);
  }

  /**
   * Builds an authorization request (OpenID4VCI 1.0 §5.1.2, RFC 7636 S256, RFC 9449 §10 {@code
   * dpop_jkt}) at {@code authorizationServer}, one of the issuer's {@code authorization_servers},
   * for the {@code scope} of each of {@code credentialConfigurationIds}.
   */
  public AuthorizationRequest authorizationRequest(
      IssuerMetadata issuer,
      String authorizationServer,
      String clientId,
      String redirectUri,
      List<String> credentialConfigurationIds,
      ECKey dpopKey)
      throws OpenId4VciException {
    return authorizationRequest(
        issuer,
        authorizationServer,
        clientId,
        redirectUri,
        credentialConfigurationIds,
        List.of(),
        dpopKey);
  }

  /**
   * As {@link #authorizationRequest(IssuerMetadata, String, String, String, List, ECKey)}, also
   * asking for {@code additionalScopes} (for example {@code idnum:wallet}, so that the same token
   * can be used at the platform's wallet storage API).
   */
  public AuthorizationRequest authorizationRequest(
      IssuerMetadata issuer,
      String authorizationServer,
      String clientId,
      String redirectUri,
      List<String> credentialConfigurationIds,
      List<String> additionalScopes,
      ECKey dpopKey)
      throws OpenId4VciException {
    if (!(issuer.raw().get("authorization_servers") instanceof List<?> servers)
        || !servers.contains(authorizationServer)) {
      throw new IllegalArgumentException("not an authorization server of this issuer");
    }
    if (!(issuer.raw().get("credential_configurations_supported") instanceof Map<?, ?> configs)) {
      throw new OpenId4VciException(
          0, "invalid_response", "no credential_configurations_supported", null);
    }
    List<String> scopes = new ArrayList<>();
    for (String id : credentialConfigurationIds) {
      if (!(configs.get(id) instanceof Map<?, ?> config)
          || !(config.get("scope") instanceof String scope)) {
        throw new IllegalArgumentException("no scope for credential configuration " + id);
      }
      scopes.add(scope);
    }
    scopes.addAll(additionalScopes);
    Map<String, Object> as =
        getJson(IssuerMetadata.wellKnown(authorizationServer, "oauth-authorization-server"));
    if (!authorizationServer.equals(as.get("issuer"))
        || !(as.get("authorization_endpoint") instanceof String authorize)
        || !(as.get("token_endpoint") instanceof String token)) {
      throw new OpenId4VciException(
          0, "invalid_response", "malformed authorization server metadata", null);
    }
    String state = Proofs.random();
    String verifier = Proofs.random() + Proofs.random();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri);
    query.put("scope", String.join(" ", scopes));
    query.put("state", state);
    query.put("code_challenge", Proofs.sha256(verifier));
    query.put("code_challenge_method", "S256");
    try {
      query.put("dpop_jkt", dpopKey.computeThumbprint().toString());
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalArgumentException("unusable DPoP key", e);
    }
    URI uri = URI.create(authorize + (authorize.contains("?") ? "&" : "?") + form(query));
    return new AuthorizationRequest(
        uri, authorizationServer, URI.create(token), clientId, redirectUri, state, verifier);
  }

  /**
   * Redeems the authorization code of {@code request}'s response for an access token bound to
   * {@code dpopKey} (the key whose thumbprint the request carried).
   *
   * @param responseState the {@code state} of the authorization response
   * @param responseIss the {@code iss} of the authorization response (RFC 9207), or {@code null}
   *     when the server does not send it
   */
  public TokenResponse authorizationCodeToken(
      AuthorizationRequest request,
      String code,
      String responseState,
      String responseIss,
      ECKey dpopKey)
      throws OpenId4VciException {
    if (!request.state().equals(responseState)) {
      throw new OpenId4VciException(0, "invalid_response", "state mismatch", null);
    }
    if (responseIss != null && !request.authorizationServer().equals(responseIss)) {
      throw new OpenId4VciException(0, "invalid_response", "iss mismatch (RFC 9207)", null);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", request.redirectUri());
    form.put("client_id", request.clientId());
    form.put("code_verifier", request.codeVerifier());
    return token(request.tokenEndpoint(), form, dpopKey);
  }

  /** Redeems the offer's pre-authorized code for an access token bound to {@code dpopKey}. */
  public TokenResponse preAuthorizedToken(
      IssuerMetadata issuer, CredentialOffer offer, String txCode, ECKey dpopKey)
      throws OpenId4VciException {
    if (offer.preAuthorizedCode() == null) {
      throw new IllegalArgumentException("the offer has no pre-authorized code");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", CredentialOffer.PRE_AUTHORIZED_GRANT);
    form.put("pre-authorized_code", offer.preAuthorizedCode());
    if (txCode != null) {
      form.put("tx_code", txCode);
    }
    return token(issuer.tokenEndpoint(), form, dpopKey);
  }

  private static String form(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private TokenResponse token(URI endpoint, Map<String, String> form, ECKey dpopKey)
      throws OpenId4VciException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "DPoP", Proofs.dpop(dpopKey, "POST", endpoint.toString(), null, clock.instant()))
            .POST(HttpRequest.BodyPublishers.ofString(form(form)))
            .build();
    Map<String, Object> json = send(request);
    if (!(json.get("access_token") instanceof String at)
        || !(json.get("token_type") instanceof String type)) {
      throw new OpenId4VciException(0, "invalid_response", "no access_token", null);
    }
    if (!"DPoP".equalsIgnoreCase(type)) {
      throw new OpenId4VciException(0, "invalid_response", "the token is not DPoP-bound", null);
    }
    long expiresIn = json.get("expires_in") instanceof Number n ? n.longValue() : 0;
    return new TokenResponse(at, type, expiresIn, dpopKey);
  }

  /** A fresh {@code c_nonce} from the nonce endpoint. */
  public String nonce(IssuerMetadata issuer) throws OpenId4VciException {
    if (issuer.nonceEndpoint() == null) {
      throw new IllegalStateException("the issuer has no nonce endpoint");
    }
    HttpRequest request =
        HttpRequest.newBuilder(issuer.nonceEndpoint())
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    if (!(send(request).get("c_nonce") instanceof String nonce)) {
      throw new OpenId4VciException(0, "invalid_response", "no c_nonce", null);
    }
    return nonce;
  }

  /**
   * Requests one credential of {@code credentialConfigurationId} per holder key, with a key proof
   * for each signed over a fresh nonce.
   *
   * @return the credentials, in the order of the keys
   */
  public List<String> credentials(
      IssuerMetadata issuer,
      TokenResponse token,
      String credentialConfigurationId,
      List<ECKey> holderKeys)
      throws OpenId4VciException {
    CredentialResponse r = requestCredentials(issuer, token, credentialConfigurationId, holderKeys);
    if (r.isPending()) {
      throw new OpenId4VciException(
          202, "issuance_pending", "issuance was deferred; poll with the transaction_id", null);
    }
    return r.credentials();
  }

  /** Polls the deferred credential endpoint (OpenID4VCI 1.0 §9) for {@code transactionId}. */
  public CredentialResponse deferredCredentials(
      IssuerMetadata issuer, TokenResponse token, String transactionId) throws OpenId4VciException {
    if (!(issuer.raw().get("deferred_credential_endpoint") instanceof String endpoint)) {
      throw new IllegalStateException("the issuer has no deferred credential endpoint");
    }
    return toCredentialResponse(
        postCredential(
            issuer, URI.create(endpoint), token, Map.of("transaction_id", transactionId)));
  }

  /** As {@link #credentials}, with the {@code notification_id}. */
  public CredentialResponse requestCredentials(
      IssuerMetadata issuer,
      TokenResponse token,
      String credentialConfigurationId,
      List<ECKey> holderKeys)
      throws OpenId4VciException {
    if (holderKeys.isEmpty() || holderKeys.size() > issuer.batchSize()) {
      throw new IllegalArgumentException("between 1 and " + issuer.batchSize() + " holder keys");
    }
    String nonce = issuer.nonceEndpoint() == null ? null : nonce(issuer);
    List<String> proofs = new ArrayList<>();
    for (ECKey k : holderKeys) {
      proofs.add(Proofs.keyProof(k, issuer.credentialIssuer(), nonce, clock.instant()));
    }
    return toCredentialResponse(
        credentialRequest(
            issuer,
            token,
            Map.of(
                "credential_configuration_id",
                credentialConfigurationId,
                "proofs",
                Map.of("jwt", proofs))));
  }

  private static CredentialResponse toCredentialResponse(Map<String, Object> json)
      throws OpenId4VciException {
    if (json.get("transaction_id") instanceof String tx) {
      int interval = json.get("interval") instanceof Number n ? n.intValue() : 5;
      return new CredentialResponse(List.of(), null, tx, interval);
    }
    if (!(json.get("credentials") instanceof List<?> list)) {
      throw new OpenId4VciException(0, "invalid_response", "no credentials", null);
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> c) || !(c.get("credential") instanceof String s)) {
        throw new OpenId4VciException(0, "invalid_response", "malformed credentials", null);
      }
      out.add(s);
    }
    return new CredentialResponse(
        out, json.get("notification_id") instanceof String n ? n : null, null, 0);
  }

  /**
   * Tells the issuer what became of the credentials of one response (OpenID4VCI 1.0 §11): {@code
   * credential_accepted}, {@code credential_failure} or {@code credential_deleted}.
   */
  public void notify(
      IssuerMetadata issuer, TokenResponse token, String notificationId, String event)
      throws OpenId4VciException {
    if (!(issuer.raw().get("notification_endpoint") instanceof String endpoint)) {
      throw new IllegalStateException("the issuer has no notification endpoint");
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", "DPoP " + token.accessToken())
            .header(
                "DPoP",
                Proofs.dpop(
                    token.dpopKey(), "POST", endpoint, token.accessToken(), clock.instant()))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSONObjectUtils.toJSONString(
                        Map.of("notification_id", notificationId, "event", event))))
            .build();
    send(request);
  }

  /**
   * Sends a credential request body as given, with the DPoP-bound token (encrypted as this client's
   * {@link Encryption} says); returns the JSON answer, decrypted when it came encrypted.
   */
  public Map<String, Object> credentialRequest(
      IssuerMetadata issuer, TokenResponse token, Map<String, Object> body)
      throws OpenId4VciException {
    return postCredential(issuer, issuer.credentialEndpoint(), token, body);
  }

  private Map<String, Object> postCredential(
      IssuerMetadata issuer, URI endpoint, TokenResponse token, Map<String, Object> body)
      throws OpenId4VciException {
    String uri = endpoint.toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", "DPoP " + token.accessToken())
            .header(
                "DPoP",
                Proofs.dpop(token.dpopKey(), "POST", uri, token.accessToken(), clock.instant()));
    java.util.Optional<Encryption.Plan> plan = encryption.plan(issuer);
    if (plan.isEmpty()) {
      return send(
          request
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)))
              .build());
    }
    Encryption.Sealed sealed = plan.get().seal(body);
    HttpResponse<String> response =
        exchange(
            request
                .header("Content-Type", "application/jwt")
                .header("Accept", "application/jwt, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sealed.jwe()))
                .build());
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() / 100 == 2
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/jwt")) {
      if (response.body() == null || response.body().length() > MAX_RESPONSE) {
        throw new OpenId4VciException(0, "invalid_response", "oversized response", null);
      }
      return sealed.open(response.body());
    }
    if (response.statusCode() / 100 == 2 && sealed.responseKey() != null) {
      throw new OpenId4VciException(
          0, "invalid_response", "the issuer did not encrypt the response as asked", null);
    }
    return toJson(response);
  }

  private Map<String, Object> getJson(URI uri) throws OpenId4VciException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build());
  }

  private Map<String, Object> send(HttpRequest request) throws OpenId4VciException {
    return toJson(exchange(request));
  }

  private HttpResponse<String> exchange(HttpRequest request) throws OpenId4VciException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OpenId4VciException(0, "network_error", "cannot reach " + request.uri(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenId4VciException(0, "network_error", "interrupted", null);
    }
  }

  private static Map<String, Object> toJson(HttpResponse<String> response)
      throws OpenId4VciException {
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
    Map<String, Object> json = Map.of();
    String body = response.body();
    if (body != null && !body.isEmpty() && body.length() <= MAX_RESPONSE) {
      try {
        json = JsonObjects.parse(body);
      } catch (ParseException e) {
        json = Map.of();
      }
    }
    if (response.statusCode() / 100 != 2) {
      throw new OpenId4VciException(
          response.statusCode(),
          json.get("error") instanceof String e ? e : "http_" + response.statusCode(),
          json.get("error_description") instanceof String d ? d : null,
          challenge);
    }
    return json;
  }
}
