package ca.idnum.sdk.openid4vp;

import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.dcql.DcqlMatcher;
import ca.idnum.sdk.openid4vp.OpenId4VpException.Reason;
import ca.idnum.sdk.sdjwt.HeldSdJwt;
import ca.idnum.sdk.sdjwt.SdJwtHolder;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.trust.IssuerKeyException;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Wallet side of OpenID4VP 1.0 with SD-JWT VCs: resolve an {@code openid4vp://} link (fetch the
 * request object by {@code request_uri} and verify it with a {@link RequestObjectVerifier}), show
 * who asks and why ({@link AuthorizationRequest#name(String)}, {@link
 * AuthorizationRequest#purpose(String)}), match the DCQL query against held credentials, build the
 * {@code vp_token} (only the needed Disclosures, a Key Binding JWT with the request's {@code
 * nonce}, {@code aud} the client identifier and {@code sd_hash}), and post it to the {@code
 * response_uri} — encrypted (JWE, ECDH-ES on P-256 with A128GCM or A256GCM) for {@code
 * direct_post.jwt}. Thread-safe.
 */
public final class HolderPresenter {

  /**
   * A credential the Wallet holds with the means to bind a presentation to it.
   *
   * @param held the checked SD-JWT VC
   * @param holderSigner signs with the private key of its {@code cnf.jwk}
   * @param algorithm the Key Binding JWT algorithm
   */
  public record HeldCredential(HeldSdJwt held, JWSSigner holderSigner, JWSAlgorithm algorithm) {
    /** Validates. */
    public HeldCredential {
      Objects.requireNonNull(held, "held");
      Objects.requireNonNull(holderSigner, "holderSigner");
      Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The credential's {@code vct}. */
    public String vct() {
      return String.valueOf(held.claims().get("vct"));
    }
  }

  /**
   * The Verifier's answer to a posted response.
   *
   * @param redirectUri where to send the user (same-device flow), or {@code null}
   * @param body the whole JSON answer
   */
  public record Answer(String redirectUri, Map<String, Object> body) {}

  private final Http http;
  private final RequestObjectVerifier verifier;
  private final SdJwtHolder holder;

  /** A presenter using its own JDK HTTP client. */
  public HolderPresenter(RequestObjectVerifier verifier, Clock clock) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        verifier,
        clock,
        Duration.ofSeconds(15));
  }

  public HolderPresenter(
      HttpClient http, RequestObjectVerifier verifier, Clock clock, Duration timeout) {
    this.http = new Http(http, timeout);
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.holder =
        new SdJwtHolder(
            VerifierOptions.builder(
                    (h, p) -> {
                      throw new IssuerKeyException(
                          IssuerKeyException.Reason.UNKNOWN_KEY_ID, "presentation only");
                    })
                .clock(clock)
                .build());
  }

  /**
   * Resolves an {@code openid4vp://} link (or any URL with {@code client_id} and {@code
   * request_uri}): fetches the request object and verifies it.
   */
  public AuthorizationRequest resolve(String link) throws OpenId4VpException {
    Map<String, String> q;
    try {
      q = Http.query(URI.create(link));
    } catch (IllegalArgumentException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "not a link");
    }
    String clientId = q.get("client_id");
    if (clientId == null) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "client_id is required");
    }
    if (q.get("request") != null) {
      return verifier.verify(q.get("request"), clientId);
    }
    String requestUri = q.get("request_uri");
    if (requestUri == null) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "request_uri is required");
    }
    URI uri;
    try {
      uri = URI.create(requestUri);
    } catch (IllegalArgumentException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "request_uri is not a URI");
    }
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", "application/oauth-authz-req+jwt").GET());
    if (a.status() != 200) {
      throw new OpenId4VpException(
          Reason.ERROR_RESPONSE, a.status(), "http_" + a.status(), "request_uri not served");
    }
    return verifier.verify(a.body(), clientId);
  }

  /** Which held credentials answer the request and which claims of each to disclose. */
  public List<DcqlMatcher.Match<HeldCredential>> match(
      AuthorizationRequest request, List<HeldCredential> held) throws OpenId4VpException {
    List<DcqlMatcher.Candidate<HeldCredential>> candidates = new ArrayList<>();
    for (HeldCredential h : held) {
      candidates.add(new DcqlMatcher.Candidate<>(h.vct(), h.held().claims(), h));
    }
    try {
      return DcqlMatcher.select(request.dcqlQuery(), candidates);
    } catch (DcqlException e) {
      throw new OpenId4VpException(Reason.NO_MATCHING_CREDENTIAL, e.getMessage());
    }
  }

  /**
   * The {@code vp_token} (OpenID4VP 1.0 §8.1): for each credential query id, the presentations —
   * each an SD-JWT+KB with only the Disclosures of the matched claims.
   */
  public Map<String, List<String>> vpToken(
      AuthorizationRequest request, List<DcqlMatcher.Match<HeldCredential>> matches) {
    Map<String, List<String>> token = new LinkedHashMap<>();
    for (DcqlMatcher.Match<HeldCredential> m : matches) {
      HeldCredential c = m.candidate().handle();
      String presentation =
          holder.presentWithKeyBinding(
              c.held(),
              m.paths(),
              request.clientId().toString(),
              request.nonce(),
              c.holderSigner(),
              c.algorithm());
      token.computeIfAbsent(m.credentialQueryId(), k -> new ArrayList<>()).add(presentation);
    }
    return token;
  }

  /**
   * The JWE of the response for {@code direct_post.jwt} (§8.3): ECDH-ES with the Verifier's key,
   * the first content encryption algorithm it accepts, {@code kid} of its key; plaintext the JSON
   * of {@code vp_token} and {@code state}.
   */
  public static String encrypt(AuthorizationRequest request, Map<String, Object> response) {
    EncryptionMethod enc = EncryptionMethod.parse(request.encValues().get(0));
    JWEHeader.Builder h = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, enc);
    if (request.encryptionKey().getKeyID() != null) {
      h.keyID(request.encryptionKey().getKeyID());
    }
    JWEObject jwe = new JWEObject(h.build(), new Payload(JSONObjectUtils.toJSONString(response)));
    try {
      jwe.encrypt(new ECDHEncrypter(request.encryptionKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot encrypt the response", e);
    }
    return jwe.serialize();
  }

  /** Posts the Authorization Response to {@code response_uri} in the request's response mode. */
  public Answer respond(AuthorizationRequest request, Map<String, List<String>> vpToken)
      throws OpenId4VpException {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("vp_token", vpToken);
    if (request.state() != null) {
      response.put("state", request.state());
    }
    Map<String, String> form = new LinkedHashMap<>();
    if (AuthorizationRequest.DIRECT_POST_JWT.equals(request.responseMode())) {
      form.put("response", encrypt(request, response));
    } else {
      form.put("vp_token", JSONObjectUtils.toJSONString(new LinkedHashMap<>(vpToken)));
      form.put("state", request.state());
    }
    return post(request.responseUri(), form);
  }

  /** Tells the Verifier the user declined (§8.5: {@code error=access_denied}). */
  public Answer decline(AuthorizationRequest request) throws OpenId4VpException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("error", "access_denied");
    form.put("error_description", "the user declined");
    form.put("state", request.state());
    return post(request.responseUri(), form);
  }

  /** Posts a form to a response URI and reads the Verifier's JSON answer. */
  public Answer post(URI responseUri, Map<String, String> form) throws OpenId4VpException {
    Http.Answer a =
        http.send(
            HttpRequest.newBuilder(responseUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(form))));
    Map<String, Object> body = Http.json(a);
    return new Answer(body.get("redirect_uri") instanceof String s ? s : null, body);
  }
}
