package ca.idnum.sdk.openid4vp;

import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.openid4vp.OpenId4VpException.Reason;
import ca.idnum.sdk.trust.IssuerKeyException;
import ca.idnum.sdk.trust.X5cChainResolver;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Wallet's checks of a request object (OpenID4VP 1.0 §5, RFC 9101; HAIP 1.0): a JWS (never
 * {@code none}) with {@code typ} {@code oauth-authz-req+jwt}, signed by the key of the {@code x5c}
 * leaf certificate, whose chain validates to the Wallet's trust anchors (PKIX); the client
 * identifier equal to the one in the link and bound to the certificate ({@code x509_hash}: the
 * SHA-256 of the leaf; {@code x509_san_dns}: a DNS name of the leaf, also the host of the response
 * URI); not expired; {@code response_type} {@code vp_token}; a supported response mode; a nonce; a
 * valid DCQL query; for {@code direct_post.jwt} an EC P-256 encryption key. Thread-safe.
 */
public final class RequestObjectVerifier {

  /** The media type in {@code typ} (RFC 9101 §10.8). */
  public static final String TYPE = "oauth-authz-req+jwt";

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512);
  private static final Set<String> ENC = Set.of("A128GCM", "A256GCM");
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final int SAN_DNS = 2;

  private final X5cChainResolver chain;
  private final Clock clock;

  /** Trusts Verifier certificates chaining to {@code anchors}, at {@code clock}'s time. */
  public RequestObjectVerifier(Collection<X509Certificate> anchors, Clock clock) {
    this.chain = new X5cChainResolver(X5cChainResolver.anchorsOf(anchors), clock, false);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Trusts these anchors. */
  public RequestObjectVerifier(Set<TrustAnchor> anchors, Clock clock) {
    this.chain = new X5cChainResolver(anchors, clock, false);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies {@code requestObject}.
   *
   * @param expectedClientId the {@code client_id} of the link that pointed at it (§5.10: they must
   *     be equal), or {@code null} when the request came by value
   */
  public AuthorizationRequest verify(String requestObject, String expectedClientId)
      throws OpenId4VpException {
    JWT jwt;
    try {
      jwt = JWTParser.parse(requestObject.strip());
    } catch (ParseException | RuntimeException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "the request object is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new OpenId4VpException(Reason.REQUEST_NOT_SIGNED, "the request object is not signed");
    }
    JWSHeader header = signed.getHeader();
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw new OpenId4VpException(
          Reason.REQUEST_NOT_SIGNED, "algorithm " + header.getAlgorithm() + " is not accepted");
    }
    if (header.getType() == null || !TYPE.equals(header.getType().getType())) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "typ must be " + TYPE);
    }
    Map<String, Object> claims;
    try {
      claims = signed.getJWTClaimsSet().getClaims();
    } catch (ParseException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "unreadable claims");
    }
    PublicKey key;
    try {
      key = chain.resolve(header, claims);
    } catch (IssuerKeyException e) {
      throw new OpenId4VpException(
          Reason.UNTRUSTED_VERIFIER, "the verifier certificate is not trusted: " + e.reason());
    }
    try {
      JWSVerifier v = new DefaultJWSVerifierFactory().createJWSVerifier(header, key);
      if (!signed.verify(v)) {
        throw new OpenId4VpException(
            Reason.REQUEST_SIGNATURE_INVALID, "the request object signature does not verify");
      }
    } catch (JOSEException e) {
      throw new OpenId4VpException(
          Reason.REQUEST_SIGNATURE_INVALID, "the request object signature does not verify");
    }
    X509Certificate leaf = leaf(header);
    return parse(claims, leaf, expectedClientId);
  }

  private AuthorizationRequest parse(
      Map<String, Object> c, X509Certificate leaf, String expectedClientId)
      throws OpenId4VpException {
    String clientIdText = string(c, "client_id");
    if (expectedClientId != null && !expectedClientId.equals(clientIdText)) {
      throw new OpenId4VpException(
          Reason.CLIENT_ID_MISMATCH, "client_id differs from the one in the link");
    }
    ClientId clientId = ClientId.parse(clientIdText);
    URI responseUri;
    try {
      responseUri = new URI(string(c, "response_uri"));
    } catch (java.net.URISyntaxException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "response_uri is not a URI");
    }
    if (!responseUri.isAbsolute() || responseUri.getHost() == null) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "response_uri must be absolute");
    }
    switch (clientId.prefix()) {
      case ClientId.X509_HASH -> {
        if (!ClientId.hash(leaf).equals(clientId.value())) {
          throw new OpenId4VpException(
              Reason.CLIENT_ID_MISMATCH, "x509_hash does not match the certificate");
        }
      }
      case ClientId.X509_SAN_DNS -> {
        if (!dnsNames(leaf).contains(clientId.value().toLowerCase(java.util.Locale.ROOT))) {
          throw new OpenId4VpException(
              Reason.CLIENT_ID_MISMATCH, "the certificate does not name " + clientId.value());
        }
        if (!clientId.value().equalsIgnoreCase(responseUri.getHost())) {
          throw new OpenId4VpException(
              Reason.CLIENT_ID_MISMATCH, "response_uri is not on the client_id's host");
        }
      }
      default ->
          throw new OpenId4VpException(
              Reason.UNSUPPORTED_CLIENT_ID_PREFIX, "only x509_hash and x509_san_dns are accepted");
    }
    Instant now = clock.instant();
    Instant exp = instant(c.get("exp"));
    if (exp == null || !now.isBefore(exp.plus(SKEW))) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "the request has expired");
    }
    Instant iat = instant(c.get("iat"));
    if (iat != null && iat.isAfter(now.plus(SKEW))) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "the request is issued in the future");
    }
    if (!"vp_token".equals(c.get("response_type"))) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "response_type must be vp_token");
    }
    Object mode = c.get("response_mode");
    if (!AuthorizationRequest.DIRECT_POST.equals(mode)
        && !AuthorizationRequest.DIRECT_POST_JWT.equals(mode)) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "unsupported response_mode");
    }
    String nonce = string(c, "nonce");
    Object state = c.get("state");
    if (state != null && !(state instanceof String)) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "state must be a string");
    }
    if (!(c.get("dcql_query") instanceof Map<?, ?> dq)) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "dcql_query is required");
    }
    DcqlQuery query;
    try {
      @SuppressWarnings("unchecked")
      Map<String, ?> dqm = (Map<String, ?>) dq;
      query = DcqlQuery.parse(dqm);
    } catch (DcqlException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "invalid dcql_query");
    }
    Map<String, ?> meta = Map.of();
    if (c.get("client_metadata") instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> mm = (Map<String, ?>) m;
      meta = mm;
    }
    ECKey encKey = null;
    List<String> enc = new ArrayList<>();
    if (AuthorizationRequest.DIRECT_POST_JWT.equals(mode)) {
      encKey = encryptionKey(meta);
      if (meta.get("encrypted_response_enc_values_supported") instanceof List<?> l) {
        for (Object o : l) {
          if (o instanceof String s && ENC.contains(s)) {
            enc.add(s);
          }
        }
      } else {
        enc.add("A128GCM");
      }
      if (enc.isEmpty()) {
        throw new OpenId4VpException(
            Reason.INVALID_REQUEST, "no supported content encryption algorithm");
      }
    }
    return new AuthorizationRequest(
        clientId,
        leaf,
        responseUri,
        (String) mode,
        nonce,
        (String) state,
        query,
        encKey,
        enc,
        localized(meta, "client_name"),
        localized(meta, "purpose"),
        exp);
  }

  private static ECKey encryptionKey(Map<String, ?> meta) throws OpenId4VpException {
    if (!(meta.get("jwks") instanceof Map<?, ?> jwks)) {
      throw new OpenId4VpException(
          Reason.INVALID_REQUEST, "direct_post.jwt needs client_metadata.jwks");
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> j = (Map<String, Object>) jwks;
      for (JWK k : JWKSet.parse(j).getKeys()) {
        if (k instanceof ECKey ec
            && Curve.P_256.equals(ec.getCurve())
            && !ec.isPrivate()
            && (ec.getKeyUse() == null || KeyUse.ENCRYPTION.equals(ec.getKeyUse()))
            && (ec.getAlgorithm() == null || "ECDH-ES".equals(ec.getAlgorithm().getName()))) {
          return ec;
        }
      }
    } catch (ParseException | RuntimeException e) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, "client_metadata.jwks is invalid");
    }
    throw new OpenId4VpException(Reason.INVALID_REQUEST, "no EC P-256 ECDH-ES key in jwks");
  }

  private static Map<String, String> localized(Map<String, ?> meta, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : meta.entrySet()) {
      if (!(e.getValue() instanceof String v) || v.length() > 500) {
        continue;
      }
      if (e.getKey().equals(name)) {
        out.put("", v);
      } else if (e.getKey().startsWith(name + "#")) {
        out.put(e.getKey().substring(name.length() + 1), v);
      }
    }
    return out;
  }

  private static X509Certificate leaf(JWSHeader header) throws OpenId4VpException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(header.getX509CertChain().get(0).decode()));
    } catch (CertificateException | RuntimeException e) {
      throw new OpenId4VpException(Reason.UNTRUSTED_VERIFIER, "unreadable certificate");
    }
  }

  private static List<String> dnsNames(X509Certificate leaf) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if ((Integer) san.get(0) == SAN_DNS && san.get(1) instanceof String dns) {
            out.add(dns.toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return out;
  }

  private static String string(Map<String, Object> c, String name) throws OpenId4VpException {
    if (!(c.get(name) instanceof String s) || s.isEmpty()) {
      throw new OpenId4VpException(Reason.INVALID_REQUEST, name + " is required");
    }
    return s;
  }

  private static Instant instant(Object o) throws OpenId4VpException {
    if (o == null) {
      return null;
    }
    if (o instanceof java.util.Date d) {
      return d.toInstant();
    }
    if (o instanceof Number n) {
      return Instant.ofEpochSecond(n.longValue());
    }
    throw new OpenId4VpException(Reason.INVALID_REQUEST, "a time claim is not a number");
  }
}
