package ca.idnum.sdk.openid4vp;

import ca.idnum.sdk.dcql.DcqlQuery;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verified OpenID4VP Authorization Request (OpenID4VP 1.0 §5) from a signed request object: who
 * asks (certificate, names), why (purpose), what (the DCQL query) and where to answer.
 *
 * @param clientId the Verifier's client identifier, with its prefix
 * @param certificate the Verifier's access certificate (leaf of {@code x5c}), validated
 * @param responseUri where the Authorization Response is posted
 * @param responseMode {@code direct_post} or {@code direct_post.jwt}
 * @param nonce the nonce to put in every Key Binding JWT
 * @param state the {@code state} to echo, or {@code null}
 * @param dcqlQuery what is requested
 * @param encryptionKey the Verifier's ephemeral response encryption key ({@code client_metadata
 *     .jwks}), or {@code null} for {@code direct_post}
 * @param encValues the content encryption algorithms the Verifier accepts, preferred first
 * @param names the Verifier's display names by language tag ({@code client_name#fr}), the untagged
 *     one under {@code ""}
 * @param purposes why the Verifier asks, by language tag
 * @param expiresAt when the request expires
 */
public record AuthorizationRequest(
    ClientId clientId,
    X509Certificate certificate,
    URI responseUri,
    String responseMode,
    String nonce,
    String state,
    DcqlQuery dcqlQuery,
    ECKey encryptionKey,
    List<String> encValues,
    Map<String, String> names,
    Map<String, String> purposes,
    Instant expiresAt) {

  /** The {@code direct_post} response mode (§8.2). */
  public static final String DIRECT_POST = "direct_post";

  /** The {@code direct_post.jwt} response mode (§8.3.1). */
  public static final String DIRECT_POST_JWT = "direct_post.jwt";

  /** Validates. */
  public AuthorizationRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(responseUri, "responseUri");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(dcqlQuery, "dcqlQuery");
    encValues = List.copyOf(encValues);
    names = Map.copyOf(names);
    purposes = Map.copyOf(purposes);
    if (DIRECT_POST_JWT.equals(responseMode) && encryptionKey == null) {
      throw new IllegalArgumentException("direct_post.jwt needs an encryption key");
    }
  }

  /** The display name in {@code language} ({@code fr}, {@code en}), else the default one. */
  public String name(String language) {
    return localized(names, language);
  }

  /** The purpose in {@code language}, else the default one. */
  public String purpose(String language) {
    return localized(purposes, language);
  }

  private static String localized(Map<String, String> values, String language) {
    String v = values.get(language);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(language + "-")) {
        return e.getValue();
      }
    }
    return values.get("");
  }
}
