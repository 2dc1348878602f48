package ca.idnum.auth.citizen.proofing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity proofing ({@code idnum.proofing.*}).
 *
 * @param maxFailures failed matches (no match) within {@code window} that lock proofing
 * @param window the sliding window in which failures count
 * @param lockout how long proofing stays locked after {@code maxFailures}
 * @param register the authoritative register
 */
@ConfigurationProperties("idnum.proofing")
public record ProofingProperties(
    @DefaultValue("3") int maxFailures,
    @DefaultValue("24h") Duration window,
    @DefaultValue("24h") Duration lockout,
    @DefaultValue Register register) {

  public ProofingProperties {
    if (maxFailures < 1 || maxFailures > 20) {
      throw new IllegalArgumentException("idnum.proofing.max-failures must be 1..20");
    }
    if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("idnum.proofing durations must be positive");
    }
  }

  /**
   * The register ({@code idnum.proofing.register.*}). Without a {@code url}, the in-process demo
   * register is used (embedded default only; the production profile requires a url).
   *
   * @param id stable identifier stored with each verification
   * @param name the public body's register name (evidence source shown and released)
   * @param url the match endpoint ({@code POST}); empty: the demo register
   * @param authorization {@code Authorization} header value sent to the register, if any
   * @param recordType OpenID Connect for Identity Assurance evidence record type
   */
  public record Register(
      String id,
      String name,
      String url,
      String authorization,
      @DefaultValue("population_register") String recordType,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("3s") Duration requestTimeout,
      @DefaultValue("8s") Duration budget,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("5") int failureThreshold,
      @DefaultValue("30s") Duration openDuration,
      @DefaultValue("true") boolean demoAllowed) {}
}
