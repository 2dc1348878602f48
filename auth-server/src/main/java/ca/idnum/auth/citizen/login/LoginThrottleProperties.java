package ca.idnum.auth.citizen.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-login limits ({@code idnum.login.throttle.*}), over sliding windows. Per account: after
 * {@code accountMaxFailures} failures within {@code accountLockout} the account is locked for
 * {@code accountLockout} (NIST SP 800-63B-4 allows at most 100 consecutive failures; this is far
 * stricter). Per client address: after {@code addressMaxFailures} failures within {@code
 * addressWindow} the address is blocked for {@code addressWindow}, which slows password spraying
 * across many accounts. Progressive delay: from the {@code progressiveDelayAfter}-th failure of an
 * account on, the next attempt for it is refused until {@code progressiveDelayBase} × 2^(n − after)
 * has passed (at most {@code progressiveDelayMax}); 0 turns delays off. Registration and
 * password-reset forms: at most {@code formMaxPerAddress} submissions per client address within
 * {@code formWindow}.
 */
@ConfigurationProperties("idnum.login.throttle")
public record LoginThrottleProperties(
    int accountMaxFailures,
    Duration accountLockout,
    int addressMaxFailures,
    Duration addressWindow,
    int progressiveDelayAfter,
    Duration progressiveDelayBase,
    Duration progressiveDelayMax,
    int formMaxPerAddress,
    Duration formWindow) {

  @ConstructorBinding
  public LoginThrottleProperties(
      @DefaultValue("5") int accountMaxFailures,
      @DefaultValue("15m") Duration accountLockout,
      @DefaultValue("50") int addressMaxFailures,
      @DefaultValue("15m") Duration addressWindow,
      @DefaultValue("2") int progressiveDelayAfter,
      @DefaultValue("1s") Duration progressiveDelayBase,
      @DefaultValue("30s") Duration progressiveDelayMax,
      @DefaultValue("30") int formMaxPerAddress,
      @DefaultValue("15m") Duration formWindow) {
    if (accountMaxFailures < 1 || accountMaxFailures > 100 || addressMaxFailures < 1) {
      throw new IllegalArgumentException(
          "idnum.login.throttle: account-max-failures must be 1..100, address-max-failures >= 1");
    }
    if (!positive(accountLockout)
        || !positive(addressWindow)
        || !positive(progressiveDelayBase)
        || !positive(progressiveDelayMax)) {
      throw new IllegalArgumentException("idnum.login.throttle durations must be positive");
    }
    if (formMaxPerAddress < 1 || !positive(formWindow)) {
      throw new IllegalArgumentException(
          "idnum.login.throttle: form-max-per-address >= 1 and a positive form-window");
    }
    if (progressiveDelayAfter < 0) {
      throw new IllegalArgumentException("idnum.login.throttle.progressive-delay-after >= 0");
    }
    this.accountMaxFailures = accountMaxFailures;
    this.accountLockout = accountLockout;
    this.addressMaxFailures = addressMaxFailures;
    this.addressWindow = addressWindow;
    this.progressiveDelayAfter = progressiveDelayAfter;
    this.progressiveDelayBase = progressiveDelayBase;
    this.progressiveDelayMax = progressiveDelayMax;
    this.formMaxPerAddress = formMaxPerAddress;
    this.formWindow = formWindow;
  }

  /** Limits without progressive delays. */
  public LoginThrottleProperties(
      int accountMaxFailures,
      Duration accountLockout,
      int addressMaxFailures,
      Duration addressWindow) {
    this(
        accountMaxFailures,
        accountLockout,
        addressMaxFailures,
        addressWindow,
        0,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        30,
        Duration.ofMinutes(15));
  }

  /**
   * The wait before the next attempt after an account's {@code failures}-th failure in its window
   * (zero when none).
   */
  public Duration delayAfter(long failures) {
    if (progressiveDelayAfter == 0 || failures < progressiveDelayAfter) {
      return Duration.ZERO;
    }
    long exponent = Math.min(20, failures - progressiveDelayAfter);
    Duration delay = progressiveDelayBase.multipliedBy(1L << exponent);
    return delay.compareTo(progressiveDelayMax) > 0 ? progressiveDelayMax : delay;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
