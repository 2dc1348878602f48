package ca.idnum.auth.oidc.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Relying-party side helpers for the tests: PKCE, the browser part of the code flow, JWTs. */
public final class OidcKit {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OidcKit() {}

  /** A PKCE pair (S256). */
  public record Pkce(String verifier, String challenge) {
    public static Pkce generate() {
      String verifier = random(32);
      return new Pkce(verifier, s256(verifier));
    }
  }

  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String s256(String value) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Authorization request parameters for a code flow with PKCE S256. */
  public static Map<String, String> authorizationRequest(
      String clientId, String redirectUri, String scope, Pkce pkce, String state, String nonce) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri);
    params.put("scope", scope);
    params.put("state", state);
    params.put("nonce", nonce);
    params.put("code_challenge", pkce.challenge());
    params.put("code_challenge_method", "S256");
    return params;
  }

  /**
   * From an authorization request URL (or path) to the login form's answer: the request (which
   * answers a browser without a session with the login page) and the form posted with {@code
   * username}'s credentials. Returns the post's response.
   */
  public static HttpResponse<String> logIn(
      Http browser, String authorizeUrl, String username, String password) {
    HttpResponse<String> login = browser.get(authorizeUrl, "Accept", "text/html");
    assertLoginPage(login);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", OidcTestConfig.loginName(username));
    form.put("password", password);
    form.put("_csrf", Http.inputValue(login.body(), "_csrf"));
    return browser.postForm("/login", form, "Accept", "text/html");
  }

  /** The login page, as the answer to an authorization request that needs a login. */
  public static void assertLoginPage(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("action=\"/login\"", "name=\"password\"");
  }

  /**
   * Drives the browser from an authorization request URL (or path) through login and consent to the
   * redirect back to {@code redirectUri}; returns the redirect's query parameters. {@code approve}
   * lists the scopes ticked on the consent page (null = all offered).
   */
  public static Map<String, String> browse(
      Http browser,
      String startPath,
      String redirectUri,
      String username,
      String password,
      List<String> approve) {
    HttpResponse<String> response = browser.get(startPath, "Accept", "text/html");
    for (int step = 0; step < 12; step++) {
      int status = response.statusCode();
      assertThat(status).as("status at step %s: %s", step, response.body()).isLessThan(500);
      if (status == 302 || status == 303) {
        String location = Http.location(response);
        if (location.startsWith(redirectUri)) {
          return Http.query(location);
        }
        response = browser.get(location, "Accept", "text/html");
        continue;
      }
      assertThat(status).as("unexpected response: %s", response.body()).isEqualTo(200);
      String html = response.body();
      if (html.contains("name=\"password\"")) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", OidcTestConfig.loginName(username));
        form.put("password", password);
        form.put("_csrf", Http.inputValue(html, "_csrf"));
        response = browser.postForm("/login", form, "Accept", "text/html");
        continue;
      }
      if (html.contains("action=\"/oauth2/authorize\"")) {
        List<String> body = new ArrayList<>();
        body.add("client_id=" + Http.enc(Http.inputValue(html, "client_id")));
        body.add("state=" + Http.enc(Http.inputValue(html, "state")));
        body.add("_csrf=" + Http.enc(Http.inputValue(html, "_csrf")));
        for (Map<String, String> input : Http.inputs(html)) {
          if ("scope".equals(input.get("name"))
              && (approve == null || approve.contains(input.get("value")))) {
            body.add("scope=" + Http.enc(input.get("value")));
          }
        }
        response =
            browser.postBody("/oauth2/authorize", String.join("&", body), "Accept", "text/html");
        continue;
      }
      throw new AssertionError("unexpected page: " + html);
    }
    throw new AssertionError("too many steps");
  }

  public static Map<String, Object> json(HttpResponse<String> response) {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** Verifies a JWT's signature with the server's published JWKS; returns its claims. */
  public static JWTClaimsSet verify(String jwt, JWKSet jwks) {
    try {
      SignedJWT signed = SignedJWT.parse(jwt);
      JWK key = jwks.getKeyByKeyId(signed.getHeader().getKeyID());
      assertThat(key).as("kid %s published", signed.getHeader().getKeyID()).isNotNull();
      JWSVerifier verifier =
          key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
      assertThat(signed.verify(verifier)).as("signature").isTrue();
      return signed.getJWTClaimsSet();
    } catch (ParseException | JOSEException e) {
      throw new AssertionError(e);
    }
  }

  public static JWSHeader header(String jwt) {
    try {
      return SignedJWT.parse(jwt).getHeader();
    } catch (ParseException e) {
      throw new AssertionError(e);
    }
  }

  /** A {@code private_key_jwt} client assertion (RFC 7523). */
  public static String clientAssertion(
      String clientId, String audience, JWK key, JWSAlgorithm alg) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(clientId)
            .audience(audience)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(60)))
            .build();
    return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims, key);
  }

  /** A DPoP proof (RFC 9449) for {@code method} {@code url}, optionally with nonce and ath. */
  public static String dpopProof(
      JWK key, String method, String url, String nonce, String accessToken) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(UUID.randomUUID().toString())
            .claim("htm", method)
            .claim("htu", url)
            .issueTime(new Date());
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    if (accessToken != null) {
      claims.claim("ath", s256Utf8(accessToken));
    }
    JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    return sign(
        new JWSHeader.Builder(alg)
            .type(new JOSEObjectType("dpop+jwt"))
            .jwk(key.toPublicJWK())
            .build(),
        claims.build(),
        key);
  }

  private static String s256Utf8(String value) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
    try {
      JWSSigner signer =
          key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
