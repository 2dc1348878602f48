package ca.idnum.sdk.sdjwt;

import ca.idnum.sdk.trust.IssuerKeyResolver;
import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of SD-JWT verification (RFC 9901 §7.1, §7.3): issuer key resolution, the JWS
 * algorithm allow-list (asymmetric only: {@code none} and HMAC are refused at construction),
 * accepted {@code typ} values, clock and skew, Key Binding freshness and input limits.
 *
 * @param issuerKeys resolves the Issuer's public key
 * @param allowedAlgorithms JWS algorithms accepted for the Issuer-signed JWT and the KB-JWT
 * @param acceptedTypes accepted {@code typ} values of the Issuer-signed JWT; empty accepts any
 * @param clock the time source
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param keyBindingMaxAge how old a KB-JWT's {@code iat} may be
 * @param limits limits on hostile input
 * @param jsonSignaturePolicy which signatures of a General JWS JSON Serialization must verify (RFC
 *     9901 §8.3)
 */
public record VerifierOptions(
    IssuerKeyResolver issuerKeys,
    Set<JWSAlgorithm> allowedAlgorithms,
    Set<String> acceptedTypes,
    Clock clock,
    Duration clockSkew,
    Duration keyBindingMaxAge,
    SdJwtLimits limits,
    JsonSignaturePolicy jsonSignaturePolicy) {

  /** The default allow-list: ES256, ES384, ES512, PS256, PS384, PS512, EdDSA, Ed25519. */
  public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.EdDSA,
          JWSAlgorithm.Ed25519);

  /** Validates: no {@code none}, no HMAC, non-negative durations. */
  public VerifierOptions {
    Objects.requireNonNull(issuerKeys, "issuerKeys");
    allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    if (allowedAlgorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one algorithm");
    }
    for (JWSAlgorithm a : allowedAlgorithms) {
      if (JWSAlgorithm.Family.HMAC_SHA.contains(a) || "none".equalsIgnoreCase(a.getName())) {
        throw new IllegalArgumentException(a + " is never accepted for SD-JWT");
      }
    }
    acceptedTypes = Set.copyOf(acceptedTypes);
    Objects.requireNonNull(clock, "clock");
    if (clockSkew.isNegative() || keyBindingMaxAge.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(jsonSignaturePolicy, "jsonSignaturePolicy");
  }

  /** Options with {@link JsonSignaturePolicy#ALL}. */
  public VerifierOptions(
      IssuerKeyResolver issuerKeys,
      Set<JWSAlgorithm> allowedAlgorithms,
      Set<String> acceptedTypes,
      Clock clock,
      Duration clockSkew,
      Duration keyBindingMaxAge,
      SdJwtLimits limits) {
    this(
        issuerKeys,
        allowedAlgorithms,
        acceptedTypes,
        clock,
        clockSkew,
        keyBindingMaxAge,
        limits,
        JsonSignaturePolicy.ALL);
  }

  /** These options accepting only the {@code typ} values {@code types}. */
  public VerifierOptions withAcceptedTypes(Set<String> types) {
    return new VerifierOptions(
        issuerKeys,
        allowedAlgorithms,
        types,
        clock,
        clockSkew,
        keyBindingMaxAge,
        limits,
        jsonSignaturePolicy);
  }

  /** A builder with defaults: system UTC clock, 60 s skew, 5 min KB age, default limits. */
  public static Builder builder(IssuerKeyResolver issuerKeys) {
    return new Builder(issuerKeys);
  }

  /** Builds {@link VerifierOptions}. */
  public static final class Builder {
    private final IssuerKeyResolver issuerKeys;
    private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;
    private final Set<String> types = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private Duration skew = Duration.ofSeconds(60);
    private Duration kbAge = Duration.ofMinutes(5);
    private SdJwtLimits limits = SdJwtLimits.DEFAULT;
    private JsonSignaturePolicy jsonSignaturePolicy = JsonSignaturePolicy.ALL;

    private Builder(IssuerKeyResolver issuerKeys) {
      this.issuerKeys = issuerKeys;
    }

    /** Replaces the algorithm allow-list. */
    public Builder allowedAlgorithms(Set<JWSAlgorithm> algorithms) {
      this.algorithms = algorithms;
      return this;
    }

    /** Accepts this {@code typ} (may be called several times). */
    public Builder acceptType(String type) {
      types.add(type);
      return this;
    }

    /** The time source. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The tolerance on time claims. */
    public Builder clockSkew(Duration skew) {
      this.skew = skew;
      return this;
    }

    /** How old a KB-JWT may be. */
    public Builder keyBindingMaxAge(Duration age) {
      this.kbAge = age;
      return this;
    }

    /** The input limits. */
    public Builder limits(SdJwtLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Which signatures of a General JWS JSON Serialization must verify; ALL by default. */
    public Builder jsonSignaturePolicy(JsonSignaturePolicy policy) {
      this.jsonSignaturePolicy = policy;
      return this;
    }

    /** The options. */
    public VerifierOptions build() {
      return new VerifierOptions(
          issuerKeys, algorithms, types, clock, skew, kbAge, limits, jsonSignaturePolicy);
    }
  }
}
