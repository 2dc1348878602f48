package ca.idnum.wallet.issuance;

import ca.idnum.server.store.ShortLivedStore;
import org.springframework.stereotype.Component;

/**
 * Counts wrong {@code tx_code}s per client address in the short-lived store (shared by every node
 * in production), so that guessing codes across many offers from one address is stopped too. The
 * address is kept only as a digest.
 */
@Component
public final class TxCodeAttempts {

  private final ShortLivedStore store;
  private final TxCodeAddressLimit limit;

  public TxCodeAttempts(ShortLivedStore store, TxCodeAddressLimit limit) {
    this.store = store;
    this.limit = limit;
  }

  /** Refuses the request when this address has used up its wrong codes for the window. */
  public void checkAddress(String address) {
    long failures = store.get(key(address)).map(Long::parseLong).orElse(0L);
    if (failures >= limit.maxFailures()) {
      throw new IssuanceException(
          new IssuanceError.TooManyAttempts(
              "too many wrong tx_code attempts from this address; try again later",
              limit.window().toSeconds()));
    }
  }

  /** Records one wrong code from this address. */
  public void wrongCode(String address) {
    store.increment(key(address), limit.window());
  }

  /** Forgets this address's wrong codes (tests; an operator lifting a block). */
  void forget(String address) {
    store.delete(key(address));
  }

  private static String key(String address) {
    return "wallet:tx-fail-addr:" + DpopVerifier.sha256(address == null ? "" : address);
  }
}
