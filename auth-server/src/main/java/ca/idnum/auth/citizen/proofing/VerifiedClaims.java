package ca.idnum.auth.citizen.proofing;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link VerifiedIdentity} is released: as OpenID Connect for Identity Assurance 1.0 {@code
 * verified_claims} to relying bodies (scope {@code idnum.identity}), and as the {@code
 * idnum_verified} object in access tokens for wallet-api's credential scopes ({@code idnum:vc:*}),
 * carrying the identifiers the issuers' registers key on. Shapes documented in {@code
 * docs/identity-proofing.md}.
 */
public final class VerifiedClaims {

  /** The trust framework of verifications made by this provider. */
  public static final String TRUST_FRAMEWORK = "ca_idnum";

  /** The evidence type: the attributes were checked against an authoritative electronic record. */
  public static final String EVIDENCE_TYPE = "electronic_record";

  /** The check method: validation of the data against the authoritative source. */
  public static final String CHECK_METHOD = "data";

  /** The claims released inside {@code verified_claims}. */
  public static final List<String> CLAIMS = List.of("given_name", "family_name", "birthdate");

  /** The access-token claim for wallet-api's credential scopes. */
  public static final String WALLET_CLAIM = "idnum_verified";

  /** The prefix of wallet-api's credential scopes. */
  public static final String CREDENTIAL_SCOPE_PREFIX = "idnum:vc:";

  private VerifiedClaims() {}

  /** The {@code verified_claims} object (OIDC4IDA 1.0 §5). */
  public static Map<String, Object> of(VerifiedIdentity v) {
    String time = time(v);
    Map<String, Object> checkDetails = new LinkedHashMap<>();
    checkDetails.put("check_method", CHECK_METHOD);
    v.transaction().ifPresent(txn -> checkDetails.put("txn", txn));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("type", v.recordType());
    record.put("source", Map.of("name", v.registerName()));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("type", EVIDENCE_TYPE);
    evidence.put("check_details", List.of(checkDetails));
    evidence.put("time", time);
    evidence.put("record", record);
    Map<String, Object> verification = new LinkedHashMap<>();
    verification.put("trust_framework", TRUST_FRAMEWORK);
    verification.put("time", time);
    verification.put("evidence", List.of(evidence));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("given_name", v.givenName());
    claims.put("family_name", v.familyName());
    claims.put("birthdate", v.birthdate().toString());
    Map<String, Object> verifiedClaims = new LinkedHashMap<>();
    verifiedClaims.put("verification", verification);
    verifiedClaims.put("claims", claims);
    return verifiedClaims;
  }

  /** The {@code idnum_verified} access-token object for wallet-api. */
  public static Map<String, Object> forWallet(VerifiedIdentity v) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("given_name", v.givenName());
    claims.put("family_name", v.familyName());
    claims.put("birthdate", v.birthdate().toString());
    v.healthInsuranceNumber().ifPresent(n -> claims.put("health_insurance_number", n));
    v.drivingLicenceNumber().ifPresent(n -> claims.put("driving_licence_number", n));
    claims.put("register", v.registerId());
    claims.put("verified_at", time(v));
    return claims;
  }

  /** Adds the OIDC4IDA discovery metadata (§8) to the provider configuration. */
  public static void discoveryMetadata(Map<String, Object> metadata, String recordType) {
    metadata.put("verified_claims_supported", true);
    metadata.put("trust_frameworks_supported", List.of(TRUST_FRAMEWORK));
    metadata.put("evidence_supported", List.of(EVIDENCE_TYPE));
    metadata.put("electronic_records_supported", List.of(recordType));
    metadata.put("check_methods_supported", List.of(CHECK_METHOD));
    metadata.put("claims_in_verified_claims_supported", CLAIMS);
    if (metadata.get("claims_supported") instanceof List<?> supported
        && !supported.contains("verified_claims")) {
      List<Object> all = new ArrayList<>(supported);
      all.add("verified_claims");
      metadata.put("claims_supported", all);
    }
  }

  private static String time(VerifiedIdentity v) {
    return DateTimeFormatter.ISO_INSTANT.format(v.verifiedAt().truncatedTo(ChronoUnit.SECONDS));
  }
}
