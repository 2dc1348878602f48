package ca.idnum.wallet.verifier;

import ca.idnum.sdk.trust.IssuerKeyException;
import ca.idnum.sdk.trust.IssuerKeyResolver;
import ca.idnum.sdk.trust.X5cChainResolver;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import com.nimbusds.jose.JWSHeader;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which issuers are trusted for which credential type ({@code vct}): by default the platform's own
 * issuers of that type; {@code idnum.wallet.verifier.trusted-issuers.<type>} replaces the list
 * (issuer identifiers, or short names of this platform's issuers). An issuer's key is trusted when
 * its {@code x5c} chain validates to the platform root CA, the certificate names the {@code iss}
 * (SD-JWT VC §3.5), and that {@code iss} is trusted for the credential's {@code vct}.
 */
@Component
public final class TrustedIssuers implements IssuerKeyResolver {

  private final Map<String, Set<String>> byVct;
  private final IssuerDirectory directory;
  private final Clock clock;
  private volatile X5cChainResolver chain;

  public TrustedIssuers(
      VerifierProperties properties,
      WalletProperties wallet,
      CredentialTypeCatalog catalog,
      IssuerDirectory directory,
      Clock clock) {
    this.directory = directory;
    this.clock = clock;
    Map<String, Set<String>> map = new HashMap<>();
    for (Issuer issuer : directory.all()) {
      for (CredentialType type : issuer.credentialTypes()) {
        map.computeIfAbsent(catalog.vct(type), v -> new HashSet<>()).add(issuer.issuerId());
      }
    }
    properties
        .trustedIssuers()
        .forEach(
            (typeId, list) -> {
              CredentialType type =
                  catalog
                      .find(typeId)
                      .orElseThrow(
                          () ->
                              new IllegalStateException("trusted-issuers: unknown type " + typeId));
              Set<String> ids = new HashSet<>();
              for (String s : list) {
                ids.add(s.startsWith("http") ? s : wallet.issuerId(s.strip()));
              }
              map.put(catalog.vct(type), ids);
            });
    map.replaceAll((k, v) -> Set.copyOf(v));
    this.byVct = Map.copyOf(map);
  }

  /** Whether {@code iss} is trusted for {@code vct}. */
  public boolean isTrusted(String iss, String vct) {
    return byVct.getOrDefault(vct, Set.of()).contains(iss);
  }

  /** The trusted issuer identifiers by {@code vct}. */
  public Map<String, Set<String>> all() {
    return byVct;
  }

  @Override
  public PublicKey resolve(JWSHeader header, Map<String, Object> payload)
      throws IssuerKeyException {
    if (!(payload.get("iss") instanceof String iss)
        || !(payload.get("vct") instanceof String vct)) {
      throw new IssuerKeyException(IssuerKeyException.Reason.MISSING_ISSUER, "no iss or vct");
    }
    if (!isTrusted(iss, vct)) {
      throw new IssuerKeyException(
          IssuerKeyException.Reason.UNTRUSTED_ISSUER, "issuer not trusted for this vct");
    }
    PublicKey key = chain().resolve(header, payload);
    if (!namesIssuer(header, iss)) {
      // also for http:// identifiers (local set-ups), where the SDK's SD-JWT VC §3.5 check is off
      throw new IssuerKeyException(
          IssuerKeyException.Reason.CERTIFICATE_NOT_USABLE, "certificate does not name iss");
    }
    return key;
  }

  private static boolean namesIssuer(JWSHeader header, String iss) {
    try {
      java.security.cert.X509Certificate leaf =
          com.nimbusds.jose.util.X509CertUtils.parse(header.getX509CertChain().get(0).decode());
      if (leaf == null || leaf.getSubjectAlternativeNames() == null) {
        return false;
      }
      for (List<?> san : leaf.getSubjectAlternativeNames()) {
        if (Integer.valueOf(6).equals(san.get(0)) && iss.equals(san.get(1))) {
          return true;
        }
      }
      return false;
    } catch (java.security.cert.CertificateParsingException | RuntimeException e) {
      return false;
    }
  }

  private X5cChainResolver chain() {
    X5cChainResolver c = chain;
    if (c == null) {
      c =
          new X5cChainResolver(
              X5cChainResolver.anchorsOf(List.of(directory.root().certificate())), clock, true);
      chain = c;
    }
    return c;
  }
}
