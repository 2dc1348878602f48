package ca.idnum.sdk.trust;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves the Issuer key from the {@code x5c} header (RFC 7515 §4.1.6), validating the chain to
 * configured trust anchors with PKIX (RFC 5280: signatures, validity at the injected clock's time,
 * basic constraints) and requiring the {@code digitalSignature} key usage on the signing
 * certificate when key usage is present. As SD-JWT VC draft §3.5 requires, when {@code iss} is an
 * HTTPS URL the signing certificate must name it: a URI subject alternative name equal to {@code
 * iss} or a DNS name equal to its host. Revocation checking is left to the trust anchors' operators
 * (disabled here).
 */
public final class X5cChainResolver implements IssuerKeyResolver {
  private static final int MAX_CHAIN = 10;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final boolean requireIssuerBinding;

  /**
   * Validates to {@code anchors} at {@code clock}'s time, binding {@code iss} to the certificate.
   */
  public X5cChainResolver(Set<TrustAnchor> anchors, Clock clock) {
    this(anchors, clock, true);
  }

  /**
   * Validates to {@code anchors} at {@code clock}'s time; {@code requireIssuerBinding} controls the
   * {@code iss} to subject alternative name check.
   */
  public X5cChainResolver(Set<TrustAnchor> anchors, Clock clock, boolean requireIssuerBinding) {
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor");
    }
    this.anchors = Set.copyOf(anchors);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requireIssuerBinding = requireIssuerBinding;
  }

  /** Trust anchors from CA certificates. */
  public static Set<TrustAnchor> anchorsOf(Collection<X509Certificate> roots) {
    Set<TrustAnchor> set = new java.util.HashSet<>();
    for (X509Certificate c : roots) {
      set.add(new TrustAnchor(c, null));
    }
    return set;
  }

  @Override
  public PublicKey resolve(JWSHeader header, Map<String, Object> payload)
      throws IssuerKeyException {
    List<Base64> x5c = header.getX509CertChain();
    if (x5c == null || x5c.isEmpty()) {
      throw new IssuerKeyException(IssuerKeyException.Reason.MISSING_HEADER, "no x5c header");
    }
    if (x5c.size() > MAX_CHAIN) {
      throw new IssuerKeyException(IssuerKeyException.Reason.UNTRUSTED_CHAIN, "chain too long");
    }
    List<X509Certificate> chain = new ArrayList<>(x5c.size());
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Base64 b : x5c) {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.decode())));
      }
      // A chain may end with the anchor itself; PKIX wants the path without it.
      List<X509Certificate> path = new ArrayList<>(chain);
      while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
        path.remove(path.size() - 1);
      }
      CertPath certPath = cf.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(clock.instant()));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.UNTRUSTED_CHAIN, "x5c does not validate to a trust anchor");
    }
    X509Certificate leaf = chain.get(0);
    boolean[] ku = leaf.getKeyUsage();
    if (ku != null && !ku[0]) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.CERTIFICATE_NOT_USABLE, "no digitalSignature key usage");
    }
    if (requireIssuerBinding) {
      checkIssuerBinding(leaf, payload.get("iss"));
    }
    return leaf.getPublicKey();
  }

  private boolean isAnchor(X509Certificate c) {
    for (TrustAnchor a : anchors) {
      if (c.equals(a.getTrustedCert())) {
        return true;
      }
    }
    return false;
  }

  private static void checkIssuerBinding(X509Certificate leaf, Object iss)
      throws IssuerKeyException {
    if (!(iss instanceof String s) || !s.startsWith("https://")) {
      return;
    }
    String host;
    try {
      host = URI.create(s).getHost();
    } catch (IllegalArgumentException e) {
      throw new IssuerKeyException(IssuerKeyException.Reason.MISSING_ISSUER, "iss is not a URI");
    }
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          Object value = san.get(1);
          if (type == SAN_URI && s.equals(value)) {
            return;
          }
          if (type == SAN_DNS && value instanceof String dns && dns.equalsIgnoreCase(host)) {
            return;
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.CERTIFICATE_NOT_USABLE, "unreadable subjectAltName");
    }
    throw new IssuerKeyException(
        IssuerKeyException.Reason.CERTIFICATE_NOT_USABLE, "certificate does not name iss");
  }
}
