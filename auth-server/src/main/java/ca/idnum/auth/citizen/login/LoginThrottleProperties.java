package ca.idnum.auth.citizen.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-login limits ({@code idnum.login.throttle.*}). Per account: after {@code
 * accountMaxFailures} consecutive failures the account is locked for {@code accountLockout} (NIST
 * SP 800-63B-4 allows at most 100 consecutive failures; this is far stricter). Per client address:
 * after {@code addressMaxFailures} failures within {@code addressWindow} the address is blocked
 * until the window ends, which slows password spraying across many accounts.
 */
@ConfigurationProperties("idnum.login.throttle")
public record LoginThrottleProperties(
    @DefaultValue("5") int accountMaxFailures,
    @DefaultValue("15m") Duration accountLockout,
    @DefaultValue("50") int addressMaxFailures,
    @DefaultValue("15m") Duration addressWindow) {

  public LoginThrottleProperties {
    if (accountMaxFailures < 1 || accountMaxFailures > 100 || addressMaxFailures < 1) {
      throw new IllegalArgumentException(
          "idnum.login.throttle: account-max-failures must be 1..100, address-max-failures >= 1");
    }
    if (accountLockout.isNegative()
        || accountLockout.isZero()
        || addressWindow.isNegative()
        || addressWindow.isZero()) {
      throw new IllegalArgumentException("idnum.login.throttle durations must be positive");
    }
  }
}
