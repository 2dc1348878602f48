package ca.idnum.sdk.sdjwtvc;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The payload of an SD-JWT VC before selective disclosure is applied (SD-JWT VC draft §3.2): the
 * registered claims as typed fields and the credential's own claims.
 *
 * @param vct the credential type (required)
 * @param issuer {@code iss}, or {@code null}
 * @param issuedAt {@code iat}, or {@code null}
 * @param notBefore {@code nbf}, or {@code null}
 * @param expiresAt {@code exp}, or {@code null}
 * @param holderKey the public holder key put in {@code cnf.jwk}, or {@code null}
 * @param status the {@code status} object (Token Status List reference), or {@code null}
 * @param claims the other claims, which must not use a registered name
 */
public record SdJwtVcClaims(
    String vct,
    String issuer,
    Instant issuedAt,
    Instant notBefore,
    Instant expiresAt,
    JWK holderKey,
    Map<String, Object> status,
    Map<String, Object> claims) {

  private static final Set<String> REGISTERED =
      Set.of("vct", "vct#integrity", "iss", "iat", "nbf", "exp", "cnf", "status", "_sd", "_sd_alg");

  /** Validates: {@code vct} present, public holder key, no registered name among the claims. */
  public SdJwtVcClaims {
    if (vct == null || vct.isBlank()) {
      throw new IllegalArgumentException("vct is required");
    }
    if (holderKey != null && holderKey.isPrivate()) {
      throw new IllegalArgumentException("the holder key in cnf must be a public key");
    }
    if (expiresAt != null && issuedAt != null && !expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("exp must be after iat");
    }
    status = status == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(status));
    claims =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(claims, "claims")));
    for (String name : claims.keySet()) {
      if (REGISTERED.contains(name)) {
        throw new IllegalArgumentException(name + " must be set through its own field");
      }
    }
  }

  /** A builder for credential type {@code vct}. */
  public static Builder builder(String vct) {
    return new Builder(vct);
  }

  /** The JWT payload, registered claims first. */
  public Map<String, Object> toPayload() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (issuer != null) {
      p.put("iss", issuer);
    }
    if (issuedAt != null) {
      p.put("iat", issuedAt.getEpochSecond());
    }
    if (notBefore != null) {
      p.put("nbf", notBefore.getEpochSecond());
    }
    if (expiresAt != null) {
      p.put("exp", expiresAt.getEpochSecond());
    }
    p.put("vct", vct);
    if (holderKey != null) {
      p.put("cnf", Map.of("jwk", holderKey.toJSONObject()));
    }
    if (status != null) {
      p.put("status", status);
    }
    p.putAll(claims);
    return p;
  }

  /** Builds {@link SdJwtVcClaims}. */
  public static final class Builder {
    private final String vct;
    private String issuer;
    private Instant iat;
    private Instant nbf;
    private Instant exp;
    private JWK holderKey;
    private Map<String, Object> status;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Builder(String vct) {
      this.vct = vct;
    }

    /** {@code iss}. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** {@code iat}. */
    public Builder issuedAt(Instant iat) {
      this.iat = iat;
      return this;
    }

    /** {@code nbf}. */
    public Builder notBefore(Instant nbf) {
      this.nbf = nbf;
      return this;
    }

    /** {@code exp}. */
    public Builder expiresAt(Instant exp) {
      this.exp = exp;
      return this;
    }

    /** {@code cnf.jwk}: the holder's public key. */
    public Builder holderKey(JWK key) {
      this.holderKey = key;
      return this;
    }

    /** {@code status}. */
    public Builder status(Map<String, Object> status) {
      this.status = status;
      return this;
    }

    /** A credential claim. */
    public Builder claim(String name, Object value) {
      claims.put(name, value);
      return this;
    }

    /** The claims. */
    public SdJwtVcClaims build() {
      return new SdJwtVcClaims(vct, issuer, iat, nbf, exp, holderKey, status, claims);
    }
  }
}
