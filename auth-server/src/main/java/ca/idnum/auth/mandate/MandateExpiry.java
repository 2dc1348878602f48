package ca.idnum.auth.mandate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends mandates whose end date has passed ({@link Mandates#expireDue}), on a schedule. */
@Component
final class MandateExpiry {

  private static final Logger log = LoggerFactory.getLogger(MandateExpiry.class);

  private final Mandates mandates;

  MandateExpiry(Mandates mandates) {
    this.mandates = mandates;
  }

  @Scheduled(
      fixedDelayString = "${idnum.mandates.expiry-interval:10m}",
      initialDelayString = "${idnum.mandates.expiry-interval:10m}")
  void expire() {
    try {
      mandates.expireDue();
    } catch (RuntimeException e) {
      log.warn("Mandate expiry failed ({})", e.getClass().getName());
    }
  }
}
