package ca.idnum.sdk.trust;

import java.io.IOException;
import java.net.URI;

/**
 * Port through which {@link JwtVcIssuerMetadataResolver} fetches JSON documents (the {@code
 * /.well-known/jwt-vc-issuer} metadata and a {@code jwks_uri}, SD-JWT VC draft §5). The caller
 * supplies the HTTP client, TLS policy, timeouts and caching.
 */
@FunctionalInterface
public interface JwtVcIssuerMetadataFetcher {

  /** The body of an HTTP GET on {@code uri}, which must have returned 200 with JSON. */
  String fetch(URI uri) throws IOException;
}
