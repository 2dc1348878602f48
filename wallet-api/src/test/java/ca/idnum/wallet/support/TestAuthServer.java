package ca.idnum.wallet.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Stands in for auth-server's token signing: a real EC key, its JWK set served over HTTP at {@code
 * /oauth2/jwks}, and RFC 9068 access tokens signed with it, as auth-server issues them to a public
 * body's back office through client credentials.
 */
public final class TestAuthServer {

  /** The audience of the tokens (tests set {@code idnum.wallet.admin-audience} to it). */
  public static final String AUDIENCE = "urn:idnum:wallet-api:test";

  private final ECKey key;
  private final HttpServer server;

  public TestAuthServer() {
    try {
      key = new ECKeyGenerator(Curve.P_256).keyID("test-auth-key").generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/oauth2/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
  }

  /** The issuer identifier. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An access token for {@code clientId} with {@code scope}, valid five minutes. */
  public String accessToken(String clientId, String scope) {
    return accessToken(clientId, scope, AUDIENCE);
  }

  /** An access token for {@code clientId} with {@code scope} and {@code audience}. */
  public String accessToken(String clientId, String scope, String audience) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(clientId)
            .claim("client_id", clientId)
            .audience(audience)
            .claim("scope", scope)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /**
   * A DPoP-bound access token of the authorization code flow, as auth-server issues it to the
   * wallet app: citizen {@code subject} (pairwise for the wallet's sector), {@code scope}, {@code
   * audience} the credential issuer identifiers, {@code cnf.jkt} the DPoP key thumbprint.
   */
  public String citizenAccessToken(String subject, String scope, String audience, String jkt) {
    return citizenAccessToken(subject, scope, audience, jkt, java.util.Map.of());
  }

  /** The same with extra claims (e.g. {@code idnum_verified}). */
  public String citizenAccessToken(
      String subject,
      String scope,
      String audience,
      String jkt,
      java.util.Map<String, Object> extraClaims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    extraClaims.forEach(builder::claim);
    JWTClaimsSet claims =
        builder
            .issuer(issuer())
            .subject(subject)
            .claim("client_id", "idnum-wallet")
            .audience(audience)
            .claim("scope", scope)
            .claim("cnf", java.util.Map.of("jkt", jkt))
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
