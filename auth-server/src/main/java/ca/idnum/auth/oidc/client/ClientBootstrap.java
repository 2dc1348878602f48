package ca.idnum.auth.oidc.client;

import ca.idnum.auth.oidc.consent.ScopeCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the clients the platform needs at start-up.
 *
 * <ul>
 *   <li>The admin client {@code idnum-admin} ({@code client_credentials}, scope {@code
 *       idnum:admin}, audience {@code urn:idnum:admin}) for the admin API. Its secret comes from
 *       {@code idnum.admin.client-secret} ({@code IDNUM_ADMIN_CLIENT_SECRET}); when that is unset
 *       and {@code idnum.admin.generate-secret} is true (embedded default), a secret is generated
 *       when the client is first created and logged that one time.
 *   <li>With {@code idnum.demo.enabled}: the demo public body {@code demo-rp} with a fixed,
 *       documented demo secret ({@code idnum.demo.client-secret}), logged at every start, whose
 *       back end may exchange its citizens' access tokens (RFC 8693) for the demo API {@code
 *       urn:idnum:demo-api} (the load benchmark does); and the demo back-end client {@code
 *       demo-backend} ({@code client_secret_basic}, {@code client_credentials}, scope {@code
 *       demo.read}, audience {@code urn:idnum:demo-api}) with the fixed demo secret {@code
 *       idnum.demo.backend-client-secret}, which the load benchmark uses; and the demo wallet app
 *       {@code idnum-wallet}: a public client ({@code none}, PKCE S256 and DPoP required), sector
 *       {@code urn:idnum:sector:wallet}, the credential scopes {@code idnum:vc:<configuration>} and
 *       the wallet storage scope {@code idnum:wallet}, redirect URI {@code
 *       idnum.demo.wallet-redirect-uri}, audience the wallet-api credential issuer identifiers and
 *       wallet API identifier {@code idnum.demo.wallet-audience}.
 * </ul>
 */
@Component
@Order(10)
public class ClientBootstrap implements ApplicationRunner {

  public static final String ADMIN_CLIENT_ID = "idnum-admin";
  public static final String ADMIN_AUDIENCE = "urn:idnum:admin";
  public static final String DEMO_CLIENT_ID = "demo-rp";
  public static final String DEMO_SECTOR = "urn:idnum:sector:demo";
  public static final String DEMO_BACKEND_CLIENT_ID = "demo-backend";
  public static final String DEMO_API_AUDIENCE = "urn:idnum:demo-api";
  public static final String WALLET_CLIENT_ID = "idnum-wallet";
  public static final String WALLET_SECTOR = "urn:idnum:sector:wallet";

  /** File in the data folder that receives a generated admin secret. */
  public static final String ADMIN_SECRET_FILE = "idnum-admin-secret.txt";

  private static final Logger log = LoggerFactory.getLogger(ClientBootstrap.class);

  private final ClientRegistrations registrations;
  private final String adminSecret;
  private final boolean generateAdminSecret;
  private final boolean demo;
  private final String demoSecret;
  private final String demoBackendSecret;
  private final String issuer;
  private final Path dataDir;
  private final String walletRedirectUri;
  private final List<String> walletAudience;

  public ClientBootstrap(
      ClientRegistrations registrations,
      @Value("${idnum.admin.client-secret:}") String adminSecret,
      @Value("${idnum.admin.generate-secret:true}") boolean generateAdminSecret,
      @Value("${idnum.demo.enabled:false}") boolean demo,
      @Value("${idnum.demo.client-secret:demo-rp-secret-for-local-testing-only}") String demoSecret,
      @Value("${idnum.demo.backend-client-secret:demo-backend-secret-for-local-testing-only}")
          String demoBackendSecret,
      @Value("${idnum.issuer}") String issuer,
      @Value("${idnum.data-dir:.}") String dataDir,
      @Value("${idnum.demo.wallet-redirect-uri:http://127.0.0.1:8765/callback}")
          String walletRedirectUri,
      @Value(
              "${idnum.demo.wallet-audience:http://localhost:9001/issuers/saaq,"
                  + "http://localhost:9001/issuers/ramq,http://localhost:9001/issuers/dec,"
                  + "http://localhost:9001/wallet}")
          List<String> walletAudience) {
    this.walletRedirectUri = walletRedirectUri;
    this.walletAudience = List.copyOf(walletAudience);
    this.registrations = registrations;
    this.dataDir = Path.of(dataDir);
    this.adminSecret = adminSecret;
    this.generateAdminSecret = generateAdminSecret;
    this.demo = demo;
    this.demoSecret = demoSecret;
    this.demoBackendSecret = demoBackendSecret;
    this.issuer = issuer;
  }

  @Override
  public void run(ApplicationArguments args) {
    bootstrapAdmin();
    if (demo) {
      bootstrapDemo();
      bootstrapDemoBackend();
      bootstrapWallet();
    }
  }

  private void bootstrapAdmin() {
    Optional<OidcClient> existing = registrations.find(ADMIN_CLIENT_ID);
    boolean configured = adminSecret != null && !adminSecret.isBlank();
    if (configured && adminSecret.length() < 32) {
      throw new IllegalStateException("IDNUM_ADMIN_CLIENT_SECRET must have at least 32 characters");
    }
    if (existing.isEmpty()) {
      if (!configured && !generateAdminSecret) {
        log.info("No admin client: set IDNUM_ADMIN_CLIENT_SECRET to enable the admin API");
        return;
      }
      ClientRegistrations.Registered registered =
          registrations.register(
              new ClientMetadata(
                  ADMIN_CLIENT_ID,
                  "IdNum administration",
                  "urn:idnum:sector:admin",
                  "client_secret_basic",
                  null,
                  List.of("client_credentials"),
                  List.of(),
                  List.of(),
                  ScopeCatalog.ADMIN,
                  false,
                  "RS256",
                  List.of(ADMIN_AUDIENCE),
                  300),
              configured ? Optional.of(adminSecret) : Optional.empty());
      registered
          .secret()
          .ifPresent(
              secret ->
                  log.warn(
                      "Created the admin client '{}' with a generated secret, written to {}"
                          + " (readable by this user only)",
                      ADMIN_CLIENT_ID,
                      writeSecretFile(secret).toAbsolutePath().normalize()));
      if (configured) {
        log.info("Created the admin client '{}' (secret from configuration)", ADMIN_CLIENT_ID);
      }
    } else if (configured
        && !existing.get().secretDigest().equals(Optional.of(ClientSecrets.digest(adminSecret)))) {
      registrations.setSecret(ADMIN_CLIENT_ID, adminSecret);
      log.info("Admin client secret updated from configuration");
    }
  }

  private void bootstrapDemo() {
    if (registrations.find(DEMO_CLIENT_ID).isEmpty()) {
      registrations.register(
          new ClientMetadata(
              DEMO_CLIENT_ID,
              "Organisme de démonstration",
              DEMO_SECTOR,
              "client_secret_basic",
              null,
              List.of("authorization_code", "refresh_token", OidcClient.TOKEN_EXCHANGE),
              List.of("http://localhost:8080/callback", "http://127.0.0.1:8080/callback"),
              List.of("http://localhost:8080/", "http://127.0.0.1:8080/"),
              "openid profile email",
              false,
              "RS256",
              List.of(DEMO_API_AUDIENCE),
              300),
          Optional.of(demoSecret));
    }
    log.info(
        "Demo public body: issuer {}, client_id '{}', client_secret '{}' (demo mode only),"
            + " redirect URIs http://localhost:8080/callback and http://127.0.0.1:8080/callback,"
            + " scopes openid profile email",
        issuer,
        DEMO_CLIENT_ID,
        demoSecret);
  }

  private void bootstrapDemoBackend() {
    Optional<OidcClient> existing = registrations.find(DEMO_BACKEND_CLIENT_ID);
    if (existing.isEmpty()) {
      registrations.register(
          new ClientMetadata(
              DEMO_BACKEND_CLIENT_ID,
              "Service dorsal de démonstration",
              DEMO_SECTOR,
              "client_secret_basic",
              null,
              List.of("client_credentials"),
              List.of(),
              List.of(),
              ScopeCatalog.DEMO_READ,
              false,
              "RS256",
              List.of(DEMO_API_AUDIENCE),
              300),
          Optional.of(demoBackendSecret));
    } else if (!existing
        .get()
        .secretDigest()
        .equals(Optional.of(ClientSecrets.digest(demoBackendSecret)))) {
      registrations.setSecret(DEMO_BACKEND_CLIENT_ID, demoBackendSecret);
    }
    log.info(
        "Demo back end: client_id '{}', client_secret '{}' (demo mode only), grant"
            + " client_credentials, scope {}, audience {}",
        DEMO_BACKEND_CLIENT_ID,
        demoBackendSecret,
        ScopeCatalog.DEMO_READ,
        DEMO_API_AUDIENCE);
  }

  private void bootstrapWallet() {
    ClientMetadata metadata =
        new ClientMetadata(
            WALLET_CLIENT_ID,
            "Portefeuille numérique",
            WALLET_SECTOR,
            "none",
            null,
            List.of("authorization_code"),
            List.of(walletRedirectUri),
            List.of(),
            walletScopes(),
            false,
            "RS256",
            walletAudience,
            300);
    if (registrations.find(WALLET_CLIENT_ID).isEmpty()) {
      registrations.register(metadata, Optional.empty());
    } else {
      registrations.update(WALLET_CLIENT_ID, metadata);
    }
    log.info(
        "Demo wallet app: public client_id '{}' (PKCE S256 and DPoP required), redirect URI {},"
            + " scopes {}, audience {}",
        WALLET_CLIENT_ID,
        walletRedirectUri,
        walletScopes(),
        walletAudience);
  }

  private static String walletScopes() {
    return String.join(" ", ScopeCatalog.CREDENTIAL_SCOPES) + " " + ScopeCatalog.WALLET;
  }

  /**
   * Writes a generated admin secret to {@value #ADMIN_SECRET_FILE} in the data folder, readable by
   * the server's user only, so that it never appears in a log.
   */
  private Path writeSecretFile(String secret) {
    Path file = dataDir.resolve(ADMIN_SECRET_FILE);
    try {
      Files.createDirectories(dataDir);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(
          file,
          secret + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin client secret file", e);
    }
  }
}
