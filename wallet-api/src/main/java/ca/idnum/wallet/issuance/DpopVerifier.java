package ca.idnum.wallet.issuance;

import ca.idnum.server.dpop.DpopProofException;
import ca.idnum.server.dpop.DpopProofVerifier;
import ca.idnum.server.store.ShortLivedStore;
import ca.idnum.wallet.config.WalletProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * DPoP proofs (RFC 9449 §4.3) of wallet-api, verified by the shared {@link DpopProofVerifier} (one
 * {@code jti} replay cache for the whole API), with failures mapped to {@link
 * IssuanceError.InvalidDpopProof}. Returns the key's thumbprint ({@code jkt}).
 */
@Component
public final class DpopVerifier {

  private final DpopProofVerifier verifier;

  public DpopVerifier(ShortLivedStore store, Clock clock, WalletProperties properties) {
    this.verifier =
        new DpopProofVerifier(store, clock, properties.dpopMaxAge(), "wallet:dpop-jti:");
  }

  /** The shared verifier, for the other wallet-api resources (storage API). */
  public DpopProofVerifier proofs() {
    return verifier;
  }

  /**
   * Verifies {@code proof} for a request.
   *
   * @param proof the {@code DPoP} header value, or {@code null}
   * @param method the HTTP method
   * @param uri the request URI without query or fragment, as the client sees it
   * @param accessToken the access token presented with it, or {@code null} at the token endpoint
   * @param atResource whether this is a protected resource (401) rather than the token endpoint
   * @return the JWK SHA-256 thumbprint of the proof key
   */
  public String verify(
      String proof, String method, String uri, String accessToken, boolean atResource) {
    try {
      return verifier.verify(proof, method, uri, accessToken);
    } catch (DpopProofException e) {
      throw new IssuanceException(new IssuanceError.InvalidDpopProof(e.description(), atResource));
    }
  }

  static String sha256(String text) {
    return DpopProofVerifier.sha256(text);
  }
}
