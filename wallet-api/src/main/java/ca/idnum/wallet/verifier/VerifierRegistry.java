package ca.idnum.wallet.verifier;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.sdk.openid4vp.ClientId;
import ca.idnum.sdk.sdjwt.ClaimPath;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.credentialtype.CredentialType;
import ca.idnum.wallet.credentialtype.CredentialTypeCatalog;
import ca.idnum.wallet.issuer.Certificates;
import ca.idnum.wallet.issuer.IssuerDirectory;
import ca.idnum.wallet.issuer.PlatformKeyStore;
import ca.idnum.wallet.issuer.SigningIdentity;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registered relying bodies: the {@code verifier} table, into which the bodies declared in
 * {@code idnum.wallet.verifier.verifiers} are written at first use (the configuration wins for the
 * bodies it names); rows added or disabled by operators are picked up within {@link #REFRESH}. Each
 * body gets, at first use, an access certificate from the platform CA (EC P-256, digitalSignature,
 * subject alternative names {@code {base}/verifiers/{body}} and the platform's host) whose key
 * signs its request objects; key and certificate are stored encrypted like issuer keys, so every
 * node uses the same.
 */
@Component
public final class VerifierRegistry {

  /** How long a body's registration is used before it is read again. */
  static final Duration REFRESH = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(VerifierRegistry.class);
  private static final Duration VALIDITY = Duration.ofDays(730);
  private static final Pattern BODY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final VerifierProperties properties;
  private final WalletProperties wallet;
  private final CredentialTypeCatalog catalog;
  private final IssuerDirectory issuers;
  private final PlatformKeyStore keys;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final AtomicBoolean seeded = new AtomicBoolean();
  private final Map<String, Cached> bodies = new ConcurrentHashMap<>();

  private record Cached(Optional<RelyingBody> body, Instant readAt) {}

  public VerifierRegistry(
      VerifierProperties properties,
      WalletProperties wallet,
      CredentialTypeCatalog catalog,
      IssuerDirectory issuers,
      PlatformKeyStore keys,
      JdbcClient jdbc,
      Clock clock) {
    this.properties = properties;
    this.wallet = wallet;
    this.catalog = catalog;
    this.issuers = issuers;
    this.keys = keys;
    this.jdbc = jdbc;
    this.clock = clock;
    // fail at start-up on a configuration naming unknown credential types
    properties.verifiers().forEach((body, r) -> allowed(body, r.claims(), true));
  }

  /**
   * The relying body named {@code body}, with its access certificate, if registered and enabled.
   */
  public Optional<RelyingBody> find(String body) {
    if (body == null || !BODY.matcher(body).matches()) {
      return Optional.empty();
    }
    seed();
    Instant now = clock.instant();
    Cached c = bodies.get(body);
    if (c == null || !now.isBefore(c.readAt().plus(REFRESH))) {
      c = new Cached(read(body), now);
      bodies.put(body, c);
    }
    return c.body();
  }

  /** Writes the configured bodies into the table (once per node). */
  private void seed() {
    if (seeded.get()) {
      return;
    }
    synchronized (seeded) {
      if (seeded.get()) {
        return;
      }
      properties.verifiers().forEach(this::upsert);
      seeded.set(true);
    }
  }

  private void upsert(String body, VerifierProperties.Registration r) {
    String claims = JSONObjectUtils.toJSONString(new LinkedHashMap<>(r.claims()));
    String redirects =
        JSONArrayUtils.toJSONString(
            new ArrayList<>(r.redirectUris().stream().map(URI::toString).toList()));
    String webhook = r.webhook() == null ? null : r.webhook().toString();
    Timestamp at = Timestamp.from(clock.instant());
    int updated =
        jdbc.sql(
                "UPDATE verifier SET name_fr = :nf, name_en = :ne, purpose_fr = :pf,"
                    + " purpose_en = :pe, allowed_claims = :c, redirect_uris = :r, webhook = :w,"
                    + " enabled = TRUE, updated_at = :at WHERE body = :b")
            .param("nf", r.nameFr())
            .param("ne", r.nameEn())
            .param("pf", r.purposeFr())
            .param("pe", r.purposeEn())
            .param("c", claims)
            .param("r", redirects)
            .param("w", webhook)
            .param("at", at)
            .param("b", body)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                "INSERT INTO verifier (body, name_fr, name_en, purpose_fr, purpose_en,"
                    + " allowed_claims, redirect_uris, webhook, enabled, updated_at)"
                    + " VALUES (:b, :nf, :ne, :pf, :pe, :c, :r, :w, TRUE, :at)")
            .param("b", body)
            .param("nf", r.nameFr())
            .param("ne", r.nameEn())
            .param("pf", r.purposeFr())
            .param("pe", r.purposeEn())
            .param("c", claims)
            .param("r", redirects)
            .param("w", webhook)
            .param("at", at)
            .update();
      } catch (DuplicateKeyException raced) {
        // another node wrote it first
      }
    }
  }

  private Optional<RelyingBody> read(String body) {
    Optional<Row> row =
        jdbc.sql(
                "SELECT name_fr, name_en, purpose_fr, purpose_en, allowed_claims, redirect_uris,"
                    + " webhook FROM verifier WHERE body = :b AND enabled = TRUE")
            .param("b", body)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
            .optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Row r = row.get();
    Map<String, List<String>> claims = new LinkedHashMap<>();
    List<URI> redirects = new ArrayList<>();
    try {
      JsonObjects.parse(r.claims())
          .forEach(
              (type, names) -> {
                List<String> list = new ArrayList<>();
                if (names instanceof List<?> l) {
                  l.forEach(x -> list.add(String.valueOf(x)));
                } else if (names instanceof String s) {
                  list.addAll(Arrays.asList(s.split(",")));
                }
                claims.put(type, list);
              });
      for (Object o : JSONArrayUtils.parse(r.redirects())) {
        redirects.add(URI.create(String.valueOf(o)));
      }
    } catch (ParseException | IllegalArgumentException e) {
      log.warn("verifier {}: unreadable registration row, ignored", body);
      return Optional.empty();
    }
    return Optional.of(
        load(
            body,
            new VerifierProperties.Registration(
                r.nameFr(),
                r.nameEn(),
                r.purposeFr(),
                r.purposeEn(),
                claims,
                redirects,
                r.webhook() == null ? null : URI.create(r.webhook()))));
  }

  private record Row(
      String nameFr,
      String nameEn,
      String purposeFr,
      String purposeEn,
      String claims,
      String redirects,
      String webhook) {}

  private Map<String, List<ClaimPath>> allowed(
      String body, Map<String, List<String>> claims, boolean strict) {
    Map<String, List<ClaimPath>> perVct = new LinkedHashMap<>();
    claims.forEach(
        (typeId, names) -> {
          Optional<CredentialType> type = catalog.find(typeId.strip());
          if (type.isEmpty()) {
            if (strict) {
              throw new IllegalStateException(
                  "verifier " + body + " names an unknown credential type " + typeId);
            }
            log.warn("verifier {}: unknown credential type ignored", body);
            return;
          }
          perVct.put(catalog.vct(type.get()), names.stream().map(VerifierRegistry::path).toList());
        });
    return perVct;
  }

  private static ClaimPath path(String dotted) {
    String s = dotted.strip();
    if (s.isEmpty()) {
      throw new IllegalStateException("an empty claim name in a verifier registration");
    }
    return new ClaimPath(new ArrayList<>(Arrays.asList((Object[]) s.split("\\."))));
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
        allowed(body, r.claims(), false),
        r.redirectUris(),
        r.webhook(),
        identity,
        clientId);
  }
}
