package ca.idnum.sdk.sdjwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import java.util.Set;

/**
 * A Nimbus {@link JWSSigner} for {@code EdDSA}/{@code Ed25519} (RFC 8037) on the JDK's own EdDSA
 * provider, so that signing SD-JWTs and KB-JWTs (RFC 9901 §4.1, §4.3) with Ed25519 needs no further
 * library.
 */
public final class Ed25519JcaSigner implements JWSSigner {
  private final PrivateKey key;
  private final JCAContext context = new JCAContext();

  /** Signs with an Ed25519 private key (algorithm "Ed25519" or "EdDSA"). */
  public Ed25519JcaSigner(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
      throw new JOSEException("unsupported algorithm " + header.getAlgorithm());
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signingInput);
      return Base64URL.encode(s.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed", e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
  }

  @Override
  public JCAContext getJCAContext() {
    return context;
  }
}
