package ca.idnum.sdk.statuslist;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs Status List Tokens in JWT format for a Status Issuer (Token Status List draft, §5.1):
 * header {@code typ} {@code statuslist+jwt} with {@code kid} or {@code x5c}, claims {@code sub},
 * {@code iat}, {@code exp}, {@code ttl}, {@code status_list} ({@code bits}, {@code lst}, optional
 * {@code aggregation_uri}) and optional {@code iss}. Signing goes through a Nimbus {@link
 * JWSSigner} so the private key may live in an HSM or a KMS. Thread-safe when the signer is.
 */
public final class StatusListTokenIssuer {

  /** The {@code typ} header value of a Status List Token in JWT format (§5.1). */
  public static final JOSEObjectType TYPE = new JOSEObjectType("statuslist+jwt");

  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;
  private final SignerKeyReference keyReference;
  private final Clock clock;

  /**
   * An issuer signing with one key.
   *
   * @param signer the Nimbus signer holding the private key
   * @param algorithm the JWS algorithm, one the signer supports; never {@code none} or a MAC
   * @param keyReference how the header names the key ({@code kid} or {@code x5c})
   * @param clock the source of {@code iat}
   */
  public StatusListTokenIssuer(
      JWSSigner signer, JWSAlgorithm algorithm, SignerKeyReference keyReference, Clock clock) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.keyReference = Objects.requireNonNull(keyReference, "keyReference");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
        || algorithm.getName().equalsIgnoreCase("none")) {
      throw new IllegalArgumentException("a Status List Token is signed with an asymmetric key");
    }
    if (!signer.supportedJWSAlgorithms().contains(algorithm)) {
      throw new IllegalArgumentException("the signer does not support " + algorithm);
    }
  }

  /**
   * Issues a token for the list served at {@code subject}: {@code iat} is now, {@code exp} now +
   * {@code validity}, {@code ttl} as given (§13.7 recommends both).
   *
   * @throws JOSEException when the signer fails
   */
  public String issue(URI subject, StatusList list, Duration validity, Duration ttl)
      throws JOSEException {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(ttl, "ttl");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return sign(
        StatusListToken.of(subject, now, list)
            .withExpiresAt(now.plus(validity))
            .withTimeToLive(ttl));
  }

  /**
   * Signs a token with exactly the given claims.
   *
   * @throws JOSEException when the signer fails
   */
  public String sign(StatusListToken token) throws JOSEException {
    Objects.requireNonNull(token, "token");
    JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(TYPE);
    if (keyReference instanceof SignerKeyReference.KeyId keyId) {
      header.keyID(keyId.kid());
    } else if (keyReference instanceof SignerKeyReference.CertificateChain chain) {
      header.x509CertChain(encode(chain.chain()));
    }
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("bits", token.statusList().bits().bits());
    statusList.put("lst", token.statusList().toLst());
    token.aggregationUri().ifPresent(uri -> statusList.put("aggregation_uri", uri.toString()));
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(token.subject().toString())
            .issueTime(Date.from(token.issuedAt()));
    token.issuer().ifPresent(claims::issuer);
    token.expiresAt().map(Date::from).ifPresent(claims::expirationTime);
    Optional<Duration> ttl = token.timeToLive();
    ttl.ifPresent(d -> claims.claim("ttl", Math.max(1L, d.toSeconds())));
    claims.claim("status_list", statusList);
    SignedJWT jwt = new SignedJWT(header.build(), claims.build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static List<Base64> encode(List<X509Certificate> chain) {
    List<Base64> encoded = new ArrayList<>(chain.size());
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(Base64.encode(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("a certificate of the x5c chain cannot be encoded", e);
      }
    }
    return encoded;
  }
}
