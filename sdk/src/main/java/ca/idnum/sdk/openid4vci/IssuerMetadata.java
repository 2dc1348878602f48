package ca.idnum.sdk.openid4vci;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What a wallet needs from discovery: the Credential Issuer metadata (OpenID4VCI 1.0 §12.2) and the
 * token endpoint of its authorization server.
 *
 * @param credentialIssuer the Credential Issuer identifier
 * @param credentialEndpoint the credential endpoint
 * @param nonceEndpoint the nonce endpoint, or {@code null}
 * @param tokenEndpoint the token endpoint
 * @param batchSize the most proofs per request (1 when batch issuance is not offered)
 * @param raw the whole Credential Issuer metadata document
 */
public record IssuerMetadata(
    String credentialIssuer,
    URI credentialEndpoint,
    URI nonceEndpoint,
    URI tokenEndpoint,
    int batchSize,
    Map<String, Object> raw) {

  /** Validates. */
  public IssuerMetadata {
    Objects.requireNonNull(credentialIssuer, "credentialIssuer");
    Objects.requireNonNull(credentialEndpoint, "credentialEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    raw = Map.copyOf(raw);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
  }

  /**
   * The well-known URI of {@code identifier} for {@code suffix}: {@code /.well-known/{suffix}}
   * inserted between the host and the path (OpenID4VCI 1.0 §12.2.2, RFC 8414 §3.1).
   */
  public static URI wellKnown(String identifier, String suffix) {
    URI u = URI.create(identifier);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(
        u.getScheme() + "://" + u.getRawAuthority() + "/.well-known/" + suffix + path);
  }
}
