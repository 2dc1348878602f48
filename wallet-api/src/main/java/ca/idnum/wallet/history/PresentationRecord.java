package ca.idnum.wallet.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An accepted presentation, as the citizen will see it in their history: who asked, which claim
 * names (never values), why and when.
 *
 * @param holderKeyThumbprint RFC 7638 SHA-256 thumbprint of the holder key the presentation was
 *     bound to; the wallet storage API maps registered holder keys to citizens
 */
public record PresentationRecord(
    String holderKeyThumbprint,
    String verifierId,
    String verifierNameFr,
    String verifierNameEn,
    String vct,
    List<String> claimNames,
    String purpose,
    Instant at) {

  public PresentationRecord {
    Objects.requireNonNull(holderKeyThumbprint, "holderKeyThumbprint");
    Objects.requireNonNull(verifierId, "verifierId");
    Objects.requireNonNull(at, "at");
    claimNames = List.copyOf(claimNames);
  }
}
