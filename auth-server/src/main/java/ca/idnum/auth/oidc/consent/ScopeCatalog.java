package ca.idnum.auth.oidc.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes this provider supports and the claims each releases (OIDC Core §5.4, plus {@code
 * idnum.identity} for verified identity claims). Labels live in the {@code i18n/oidc} bundle under
 * {@code oidc.scope.<scope>} and {@code oidc.claim.<claim>}.
 */
public final class ScopeCatalog {

  /** Verified identity claims (legal names and birth date as verified by the identity proofing). */
  public static final String IDENTITY = "idnum.identity";

  /** Access to the admin API (admin client only). */
  public static final String ADMIN = "idnum:admin";

  /**
   * Read access to the demo API ({@code urn:idnum:demo-api}), for the demo back-end client's {@code
   * client_credentials} grants (demo mode, load benchmark).
   */
  public static final String DEMO_READ = "demo.read";

  private static final Set<String> API_SCOPES = Set.of(ADMIN, DEMO_READ);

  /**
   * Back-office scopes of wallet-api, one per public body: {@code idnum:issuer:<body>} (issuer
   * admin API) and {@code idnum:verifier:<body>} (OpenID4VP verifier API), body in lower-case
   * letters, digits and hyphens, for that body's back end only.
   */
  private static final java.util.regex.Pattern ISSUER_SCOPE =
      java.util.regex.Pattern.compile("idnum:(issuer|verifier):[a-z0-9][a-z0-9-]{0,62}");

  /**
   * Credential scopes of the OpenID4VCI authorization code flow, one per credential configuration
   * that wallet-api publishes: {@code idnum:vc:<configuration>}. They are citizen-facing (the
   * citizen consents to receive the attestation in the wallet app) and release no claims from the
   * account: the attestation's claims come from the issuing body's register.
   */
  public static final List<String> CREDENTIAL_SCOPES =
      List.of(
          "idnum:vc:identity",
          "idnum:vc:proof_of_age",
          "idnum:vc:driving_licence",
          "idnum:vc:health_insurance_card",
          "idnum:vc:proof_of_address");

  /**
   * The wallet storage API of wallet-api (the citizen's attestations kept encrypted by the
   * platform): citizen-facing, for the wallet app only, releases no claims.
   */
  public static final String WALLET = "idnum:wallet";

  private static final Map<String, List<String>> CLAIMS = new LinkedHashMap<>();

  static {
    CLAIMS.put("openid", List.of("sub"));
    CLAIMS.put("profile", List.of("given_name", "family_name", "name", "locale"));
    CLAIMS.put("email", List.of("email", "email_verified"));
    CLAIMS.put("phone", List.of("phone_number", "phone_number_verified"));
    CLAIMS.put("address", List.of("address"));
    CLAIMS.put(IDENTITY, List.of("given_name", "family_name", "birthdate"));
    CREDENTIAL_SCOPES.forEach(scope -> CLAIMS.put(scope, List.of()));
    CLAIMS.put(WALLET, List.of());
  }

  private ScopeCatalog() {}

  /** Scopes a client may be registered for (citizen-facing). */
  public static Set<String> citizenScopes() {
    return CLAIMS.keySet();
  }

  /**
   * Whether a client may be registered for {@code scope}: a citizen scope, or an API scope (admin
   * API, demo API) granted to back-end clients.
   */
  public static boolean isKnown(String scope) {
    return CLAIMS.containsKey(scope) || isApiScope(scope);
  }

  /** Whether {@code scope} is for APIs (back-end clients), never shown to a citizen. */
  public static boolean isApiScope(String scope) {
    return API_SCOPES.contains(scope) || ISSUER_SCOPE.matcher(scope).matches();
  }

  /** The claims released under {@code scope} (empty for unknown scopes). */
  public static List<String> claims(String scope) {
    return CLAIMS.getOrDefault(scope, List.of());
  }

  /** Every claim any scope may release. */
  public static List<String> allClaims() {
    return CLAIMS.values().stream().flatMap(List::stream).distinct().toList();
  }
}
