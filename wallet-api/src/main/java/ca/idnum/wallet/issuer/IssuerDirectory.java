package ca.idnum.wallet.issuer;

import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The issuing public bodies and their signing identities. The platform root CA and each issuer's EC
 * P-256 key and certificate (chained to the root) are generated at first use and stored encrypted;
 * every node then reads the same ones.
 */
@Component
public final class IssuerDirectory {

  static final String ROOT_ID = "platform-root-ca";
  private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
  private static final Duration ISSUER_VALIDITY = Duration.ofDays(730);

  private final Map<String, Issuer> issuers;
  private final PlatformKeyStore keys;
  private final Clock clock;
  private final Map<String, SigningIdentity> identities = new ConcurrentHashMap<>();

  public IssuerDirectory(
      WalletProperties properties,
      CredentialTypeCatalog catalog,
      PlatformKeyStore keys,
      Clock clock) {
    this.keys = keys;
    this.clock = clock;
    Map<String, Issuer> map = new LinkedHashMap<>();
    properties
        .issuers()
        .forEach(
            (body, p) ->
                map.put(
                    body,
                    new Issuer(
                        body,
                        properties.issuerId(body),
                        p.nameFr(),
                        p.nameEn(),
                        p.credentialConfigurations().stream()
                            .map(id -> catalog.find(id).orElseThrow())
                            .toList())));
    this.issuers = Map.copyOf(map);
  }

  /** The issuer named {@code body}. */
  public Optional<Issuer> find(String body) {
    return Optional.ofNullable(issuers.get(body));
  }

  /** Every issuer. */
  public List<Issuer> all() {
    return issuers.values().stream().sorted((a, b) -> a.body().compareTo(b.body())).toList();
  }

  /** The platform root CA (the trust anchor of every issuer certificate). */
  public SigningIdentity root() {
    return identities.computeIfAbsent(
        ROOT_ID,
        id ->
            keys.getOrCreate(
                id,
                () -> {
                  KeyPair kp = Certificates.newP256KeyPair();
                  X509Certificate cert =
                      Certificates.rootCertificate(
                          kp, "IdNum platform root CA", clock.instant(), ROOT_VALIDITY);
                  return new SigningIdentity(id, (ECPrivateKey) kp.getPrivate(), List.of(cert));
                }));
  }

  /** The signing identity of {@code issuer}; its chain is the leaf certificate then the root. */
  public SigningIdentity signingIdentity(Issuer issuer) {
    SigningIdentity cached = identities.get("issuer:" + issuer.body());
    if (cached != null) {
      return cached;
    }
    SigningIdentity root = root();
    return identities.computeIfAbsent(
        "issuer:" + issuer.body(),
        id -> {
          return keys.getOrCreate(
              id,
              () -> {
                KeyPair kp = Certificates.newP256KeyPair();
                X509Certificate cert =
                    Certificates.issuerCertificate(
                        kp.getPublic(),
                        issuer.nameFr(),
                        URI.create(issuer.issuerId()),
                        root.certificate(),
                        root.privateKey(),
                        clock.instant(),
                        ISSUER_VALIDITY);
                return new SigningIdentity(
                    id, (ECPrivateKey) kp.getPrivate(), List.of(cert, root.certificate()));
              });
        });
  }
}
