package ca.idnum.sdk.trust;

import ca.idnum.sdk.json.JsonObjects;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Resolves the Issuer key through JWT VC Issuer Metadata (SD-JWT VC draft §5): the metadata is
 * fetched from {@code /.well-known/jwt-vc-issuer} inserted between the host and the path of {@code
 * iss}; its {@code issuer} must equal {@code iss}; keys come from {@code jwks} or {@code jwks_uri}
 * (exactly one of them) and are selected by {@code kid}. Only issuers accepted by the configured
 * predicate are looked up.
 */
public final class JwtVcIssuerMetadataResolver implements IssuerKeyResolver {
  private static final int MAX_DOCUMENT = 256 * 1024;

  private final JwtVcIssuerMetadataFetcher fetcher;
  private final Predicate<String> trustedIssuer;

  /**
   * @param fetcher fetches the metadata and JWK Set documents
   * @param trustedIssuer which {@code iss} values may be looked up at all
   */
  public JwtVcIssuerMetadataResolver(
      JwtVcIssuerMetadataFetcher fetcher, Predicate<String> trustedIssuer) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.trustedIssuer = Objects.requireNonNull(trustedIssuer, "trustedIssuer");
  }

  /** The metadata URL for an issuer identifier (SD-JWT VC draft §5.1). */
  public static URI metadataUri(String issuer) throws IssuerKeyException {
    try {
      URI iss = new URI(issuer);
      if (!"https".equals(iss.getScheme())
          || iss.getHost() == null
          || iss.getRawQuery() != null
          || iss.getRawFragment() != null) {
        throw new IssuerKeyException(
            IssuerKeyException.Reason.MISSING_ISSUER, "iss must be an https URL");
      }
      String path = iss.getRawPath() == null ? "" : iss.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return new URI("https://" + iss.getRawAuthority() + "/.well-known/jwt-vc-issuer" + path);
    } catch (URISyntaxException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.MISSING_ISSUER, "iss is not a URL");
    }
  }

  @Override
  public PublicKey resolve(JWSHeader header, Map<String, Object> payload)
      throws IssuerKeyException {
    if (!(payload.get("iss") instanceof String iss)) {
      throw new IssuerKeyException(IssuerKeyException.Reason.MISSING_ISSUER, "no iss");
    }
    if (!trustedIssuer.test(iss)) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.UNTRUSTED_ISSUER, "issuer not trusted");
    }
    Map<String, Object> metadata = parse(fetch(metadataUri(iss)));
    if (!iss.equals(metadata.get("issuer"))) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.METADATA_INVALID, "metadata issuer differs from iss");
    }
    Object jwks = metadata.get("jwks");
    Object jwksUri = metadata.get("jwks_uri");
    if ((jwks == null) == (jwksUri == null)) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.METADATA_INVALID, "exactly one of jwks and jwks_uri");
    }
    JWKSet set;
    try {
      if (jwks instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> jm = (Map<String, Object>) m;
        set = JWKSet.parse(jm);
      } else if (jwksUri instanceof String u && u.startsWith("https://")) {
        set = JWKSet.parse(parse(fetch(URI.create(u))));
      } else {
        throw new IssuerKeyException(IssuerKeyException.Reason.METADATA_INVALID, "bad jwks");
      }
    } catch (ParseException | IllegalArgumentException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.METADATA_INVALID, "bad JWK Set");
    }
    return JwkSetKeyResolver.select(set.toPublicJWKSet(), header);
  }

  private String fetch(URI uri) throws IssuerKeyException {
    try {
      String body = fetcher.fetch(uri);
      if (body == null || body.length() > MAX_DOCUMENT) {
        throw new IssuerKeyException(
            IssuerKeyException.Reason.METADATA_INVALID, "missing or oversized document");
      }
      return body;
    } catch (IOException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.METADATA_INVALID, "fetch failed");
    }
  }

  private static Map<String, Object> parse(String json) throws IssuerKeyException {
    try {
      return JsonObjects.parse(json, MAX_DOCUMENT);
    } catch (ParseException | RuntimeException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.METADATA_INVALID, "not JSON");
    }
  }
}
