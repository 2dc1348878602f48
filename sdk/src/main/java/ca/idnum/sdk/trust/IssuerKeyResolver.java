package ca.idnum.sdk.trust;

import com.nimbusds.jose.JWSHeader;
import java.security.PublicKey;
import java.util.Map;

/**
 * Finds the public key that must have signed an Issuer-signed JWT (RFC 9901 §7.1 step 2: "the
 * Issuer's public key ... is determined by the application"). Implementations: {@link
 * FixedKeyResolver}, {@link JwkSetKeyResolver}, {@link X5cChainResolver}, {@link
 * JwtVcIssuerMetadataResolver}.
 */
@FunctionalInterface
public interface IssuerKeyResolver {

  /**
   * The key to verify the signature with.
   *
   * @param header the JWS protected header of the Issuer-signed JWT
   * @param payload the (not yet verified) payload of the Issuer-signed JWT
   * @throws IssuerKeyException if no trusted key can be found
   */
  PublicKey resolve(JWSHeader header, Map<String, Object> payload) throws IssuerKeyException;
}
