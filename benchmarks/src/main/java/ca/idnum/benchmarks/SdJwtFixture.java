package ca.idnum.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credential both SD-JWT libraries issue, present and verify in {@link SdJwtBenchmark}: an
 * SD-JWT VC ({@code typ} {@code dc+sd-jwt}) with {@code iss}, {@code iat}, {@code exp}, {@code vct}
 * and {@code cnf} in clear and ten selectively disclosable claims; the presentation discloses five
 * of them with a Key Binding JWT.
 */
final class SdJwtFixture {

  static final String ISSUER = "https://issuer.example.gouv.qc.ca";
  static final String VCT = "https://credentials.example.gouv.qc.ca/identity";
  static final String AUDIENCE = "https://verifier.example.gouv.qc.ca";
  static final String NONCE = "n-0S6_WzA2Mj";

  /** The ten selectively disclosable claims, in issuance order. */
  static final Map<String, Object> DISCLOSABLE = disclosable();

  /** The five claims the presentation discloses. */
  static final List<String> PRESENTED =
      List.of("given_name", "family_name", "birthdate", "locality", "nationality");

  final ECKey issuerKey;
  final ECKey holderKey;

  SdJwtFixture() {
    try {
      issuerKey = new ECKeyGenerator(Curve.P_256).keyID("issuer-1").generate();
      holderKey = new ECKeyGenerator(Curve.P_256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims in clear: {@code iss}, {@code iat}, {@code exp}, {@code vct}, {@code cnf}. */
  Map<String, Object> clearClaims(long now) {
    Map<String, Object> clear = new LinkedHashMap<>();
    clear.put("iss", ISSUER);
    clear.put("iat", now);
    clear.put("exp", now + 365L * 24 * 3600);
    clear.put("vct", VCT);
    clear.put("cnf", Map.of("jwk", holderKey.toPublicJWK().toJSONObject()));
    return clear;
  }

  private static Map<String, Object> disclosable() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("given_name", "Marie-Claude");
    claims.put("family_name", "Tremblay");
    claims.put("birthdate", "1984-03-17");
    claims.put("email", "marie-claude.tremblay@example.qc.ca");
    claims.put("phone_number", "+1-418-555-0142");
    claims.put("street_address", "1037, rue de la Chevrotière");
    claims.put("locality", "Québec");
    claims.put("region", "QC");
    claims.put("postal_code", "G1R 5E9");
    claims.put("nationality", "CA");
    return Collections.unmodifiableMap(claims);
  }
}
