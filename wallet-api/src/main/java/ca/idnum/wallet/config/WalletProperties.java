package ca.idnum.wallet.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.wallet.*}: the issuer platform's configuration.
 *
 * @param baseUrl externally visible base URL; issuer identifiers are {@code
 *     {baseUrl}/issuers/{body}}
 * @param authIssuer the SAG (auth-server) issuer identifier, for admin API access tokens and the
 *     authorization code flow's access tokens (listed in {@code authorization_servers})
 * @param authJwkSetUri where the SAG publishes its token signing keys
 * @param adminAudience the {@code aud} admin API access tokens must carry (RFC 9068 §4); default:
 *     the base URL
 * @param credentialTypes location of the credential types (JSON)
 * @param demoRegisters location of the built-in demo registers (JSON)
 * @param allowDemoRegisters whether an issuer without a register URL may use the demo register
 * @param preAuthorizedCodeTtl lifetime of a credential offer and its pre-authorized code
 * @param txCodeLength digits of the transaction code sent out of band
 * @param txCodeMaxAttempts wrong transaction codes after which the pre-authorized code is burnt
 * @param accessTokenTtl lifetime of the DPoP-bound access tokens
 * @param nonceTtl lifetime of a {@code c_nonce}
 * @param proofMaxAge oldest accepted {@code iat} of a key proof
 * @param dpopMaxAge oldest accepted {@code iat} of a DPoP proof
 * @param batchSize most credentials per credential request
 * @param statusList status list sizing and lifetimes
 * @param issuers the issuing public bodies by short name
 */
@ConfigurationProperties("idnum.wallet")
public record WalletProperties(
    URI baseUrl,
    String authIssuer,
    URI authJwkSetUri,
    String adminAudience,
    String credentialTypes,
    String demoRegisters,
    boolean allowDemoRegisters,
    Duration preAuthorizedCodeTtl,
    int txCodeLength,
    int txCodeMaxAttempts,
    Duration accessTokenTtl,
    Duration nonceTtl,
    Duration proofMaxAge,
    Duration dpopMaxAge,
    int batchSize,
    StatusListProperties statusList,
    Map<String, IssuerProperties> issuers) {

  private static final Pattern BODY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Validates. */
  public WalletProperties {
    Objects.requireNonNull(baseUrl, "idnum.wallet.base-url");
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      baseUrl = URI.create(base.substring(0, base.length() - 1));
    }
    Objects.requireNonNull(authIssuer, "idnum.wallet.auth-issuer");
    Objects.requireNonNull(authJwkSetUri, "idnum.wallet.auth-jwk-set-uri");
    adminAudience =
        adminAudience == null || adminAudience.isBlank() ? baseUrl.toString() : adminAudience;
    credentialTypes = credentialTypes == null ? "classpath:credential-types.json" : credentialTypes;
    preAuthorizedCodeTtl = positive(preAuthorizedCodeTtl, Duration.ofMinutes(10));
    accessTokenTtl = positive(accessTokenTtl, Duration.ofMinutes(5));
    nonceTtl = positive(nonceTtl, Duration.ofMinutes(5));
    proofMaxAge = positive(proofMaxAge, Duration.ofMinutes(5));
    dpopMaxAge = positive(dpopMaxAge, Duration.ofMinutes(5));
    if (txCodeLength < 4 || txCodeLength > 12) {
      throw new IllegalArgumentException("idnum.wallet.tx-code-length must be between 4 and 12");
    }
    if (txCodeMaxAttempts < 1) {
      throw new IllegalArgumentException("idnum.wallet.tx-code-max-attempts must be positive");
    }
    if (batchSize < 1 || batchSize > 100) {
      throw new IllegalArgumentException("idnum.wallet.batch-size must be between 1 and 100");
    }
    statusList =
        statusList == null
            ? new StatusListProperties(131072, Duration.ofMinutes(5), Duration.ofDays(1))
            : statusList;
    issuers = issuers == null ? Map.of() : Map.copyOf(new TreeMap<>(issuers));
    for (String body : issuers.keySet()) {
      if (!BODY.matcher(body).matches()) {
        throw new IllegalArgumentException(
            "issuer name " + body + " must be lower-case letters, digits and hyphens");
      }
    }
  }

  private static Duration positive(Duration d, Duration fallback) {
    if (d == null) {
      return fallback;
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    return d;
  }

  /** The Credential Issuer identifier of {@code body}. */
  public String issuerId(String body) {
    return baseUrl + "/issuers/" + body;
  }

  /**
   * Status lists.
   *
   * @param size entries per list (2 bits each: VALID, INVALID, SUSPENDED)
   * @param ttl the {@code ttl} claim and {@code Cache-Control: max-age} of a list token
   * @param validity {@code exp - iat} of a list token
   */
  public record StatusListProperties(int size, Duration ttl, Duration validity) {
    /** Validates. */
    public StatusListProperties {
      if (size < 1024 || size % 8 != 0) {
        throw new IllegalArgumentException(
            "idnum.wallet.status-list.size must be a multiple of 8, at least 1024");
      }
      ttl = positive(ttl, Duration.ofMinutes(5));
      validity = positive(validity, Duration.ofDays(1));
    }
  }

  /**
   * One issuing public body.
   *
   * @param nameFr display name in French
   * @param nameEn display name in English
   * @param credentialConfigurations the credential configuration ids it issues
   * @param register its authoritative register (empty URL: the built-in demo register)
   * @param registerSubject how the register knows a citizen who comes through the SAG
   *     (authorization code flow): {@code sub} (default: the token's pairwise subject, for a
   *     register that links accounts itself), or a member of the token's {@code idnum_verified}
   *     object, the identity the SAG verified once ({@code health_insurance_number}, {@code
   *     driving_licence_number})
   * @param encryptionRequired whether credential requests and responses must be encrypted
   *     (OpenID4VCI 1.0 §10; default false: encryption is offered, not required)
   */
  public record IssuerProperties(
      String nameFr,
      String nameEn,
      List<String> credentialConfigurations,
      RegisterProperties register,
      String registerSubject,
      boolean encryptionRequired) {

    /** The accepted {@code register-subject} values. */
    public static final List<String> REGISTER_SUBJECTS =
        List.of("sub", "health_insurance_number", "driving_licence_number");

    /** Validates. */
    public IssuerProperties {
      Objects.requireNonNull(nameFr, "name-fr");
      nameEn = nameEn == null ? nameFr : nameEn;
      credentialConfigurations = List.copyOf(credentialConfigurations);
      if (credentialConfigurations.isEmpty()) {
        throw new IllegalArgumentException("an issuer issues at least one credential type");
      }
      register =
          register == null
              ? new RegisterProperties(null, null, null, null, 0, null, 0, null)
              : register;
      registerSubject = registerSubject == null ? "sub" : registerSubject;
      if (!REGISTER_SUBJECTS.contains(registerSubject)) {
        throw new IllegalArgumentException("register-subject must be one of " + REGISTER_SUBJECTS);
      }
    }
  }

  /**
   * An authoritative register reached over HTTP: {@code GET {url}/subjects/{subject}}.
   *
   * @param url base URL, or {@code null} for the built-in demo register
   * @param authorization value of the {@code Authorization} header sent to it, if any
   * @param connectTimeout TCP connect timeout
   * @param requestTimeout timeout of one attempt
   * @param maxAttempts attempts within the budget
   * @param budget the whole time allowed to one fetch, retries included
   * @param failureThreshold consecutive failures that open the circuit
   * @param openDuration how long the circuit stays open before one trial call
   */
  public record RegisterProperties(
      URI url,
      String authorization,
      Duration connectTimeout,
      Duration requestTimeout,
      int maxAttempts,
      Duration budget,
      int failureThreshold,
      Duration openDuration) {
    /** Applies defaults. */
    public RegisterProperties {
      connectTimeout = positive(connectTimeout, Duration.ofSeconds(2));
      requestTimeout = positive(requestTimeout, Duration.ofSeconds(3));
      maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
      budget = positive(budget, Duration.ofSeconds(6));
      failureThreshold = failureThreshold <= 0 ? 5 : failureThreshold;
      openDuration = positive(openDuration, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
      return "RegisterProperties[url="
          + url
          + ", authorization="
          + (authorization == null ? "none" : "***")
          + "]";
    }
  }
}
