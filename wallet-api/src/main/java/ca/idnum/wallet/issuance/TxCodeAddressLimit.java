package ca.idnum.wallet.issuance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code idnum.wallet.tx-code-address-limit.*}: wrong {@code tx_code}s accepted from one client
 * address, over all offers, within a window; past that, the address gets {@code 429} at the
 * pre-authorized token endpoint until the window ends. Each offer also burns after {@code
 * idnum.wallet.tx-code-max-attempts} wrong codes, whatever the address.
 *
 * @param maxFailures wrong codes per address per window (default 20)
 * @param window the window, counted from the first failure (default 15 minutes)
 */
@ConfigurationProperties("idnum.wallet.tx-code-address-limit")
public record TxCodeAddressLimit(Integer maxFailures, Duration window) {

  public TxCodeAddressLimit {
    maxFailures = maxFailures == null ? 20 : maxFailures;
    window = window == null ? Duration.ofMinutes(15) : window;
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "idnum.wallet.tx-code-address-limit needs max-failures >= 1 and a positive window");
    }
  }
}
