package ca.idnum.wallet.verifier;

import ca.idnum.sdk.openid4vp.ClientId;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import ca.idnum.wallet.issuer.Certificates;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.issuer.PlatformKeyStore;
import ca.idnum.wallet.issuer.SigningIdentity;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The registered relying bodies ({@code idnum.wallet.verifier.verifiers}). Each gets, at first use,
 * an access certificate from the platform CA (EC P-256, digitalSignature, subject alternative names
 * {@code {base}/verifiers/{body}} and the platform's host) whose key signs its request objects; key
 * and certificate are stored encrypted like issuer keys, so every node uses the same.
 */
@Component
public final class VerifierRegistry {

  private static final Duration VALIDITY = Duration.ofDays(730);

  private final Map<String, VerifierProperties.Registration> registrations;
  private final Map<String, Map<String, List<ClaimPath>>> allowed;
  private final VerifierProperties properties;
  private final WalletProperties wallet;
  private final IssuerDirectory issuers;
  private final PlatformKeyStore keys;
  private final Clock clock;
  private final Map<String, RelyingBody> bodies = new ConcurrentHashMap<>();

  public VerifierRegistry(
      VerifierProperties properties,
      WalletProperties wallet,
      CredentialTypeCatalog catalog,
      IssuerDirectory issuers,
      PlatformKeyStore keys,
      Clock clock) {
    this.properties = properties;
    this.wallet = wallet;
    this.issuers = issuers;
    this.keys = keys;
    this.clock = clock;
    this.registrations = properties.verifiers();
    Map<String, Map<String, List<ClaimPath>>> a = new LinkedHashMap<>();
    registrations.forEach(
        (body, r) -> {
          Map<String, List<ClaimPath>> perVct = new LinkedHashMap<>();
          r.claims()
              .forEach(
                  (typeId, names) -> {
                    CredentialType type =
                        catalog
                            .find(typeId)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "verifier " + body + " names an unknown type " + typeId));
                    perVct.put(
                        catalog.vct(type), names.stream().map(VerifierRegistry::path).toList());
                  });
          a.put(body, Map.copyOf(perVct));
        });
    this.allowed = Map.copyOf(a);
  }

  private static ClaimPath path(String dotted) {
    String s = dotted.strip();
    if (s.isEmpty()) {
      throw new IllegalStateException("an empty claim name in a verifier registration");
    }
    return new ClaimPath(new ArrayList<>(Arrays.asList((Object[]) s.split("\\."))));
  }

  /** The relying body named {@code body}, with its access certificate. */
  public Optional<RelyingBody> find(String body) {
    VerifierProperties.Registration r = registrations.get(body);
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(bodies.computeIfAbsent(body, b -> load(b, r)));
  }

  /** Every registered body's short name. */
  public List<String> names() {
    return List.copyOf(registrations.keySet());
  }

  private RelyingBody load(String body, VerifierProperties.Registration r) {
    SigningIdentity root = issuers.root();
    SigningIdentity identity =
        keys.getOrCreate(
            "verifier:" + body,
            () -> {
              KeyPair kp = Certificates.newP256KeyPair();
              X509Certificate cert =
                  Certificates.issuerCertificate(
                      kp.getPublic(),
                      r.nameFr(),
                      URI.create(wallet.baseUrl() + "/verifiers/" + body),
                      root.certificate(),
                      root.privateKey(),
                      clock.instant(),
                      VALIDITY);
              return new SigningIdentity(
                  "verifier:" + body,
                  (ECPrivateKey) kp.getPrivate(),
                  List.of(cert, root.certificate()));
            });
    ClientId clientId =
        properties.clientIdPrefix().equals(ClientId.X509_SAN_DNS)
            ? new ClientId(ClientId.X509_SAN_DNS, wallet.baseUrl().getHost())
            : ClientId.x509Hash(identity.certificate());
    return new RelyingBody(
        body,
        r.nameFr(),
        r.nameEn(),
        r.purposeFr(),
        r.purposeEn(),
        allowed.get(body),
        r.redirectUris(),
        r.webhook(),
        identity,
        clientId);
  }
}
