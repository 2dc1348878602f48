package ca.idnum.wallet.history;

import ca.idnum.wallet.device.Devices;
import ca.idnum.wallet.storage.CitizenKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records each presentation the verifier service accepted in the history of the citizen whose
 * device registered the holder key it was bound to: who asked, which claim names (never values),
 * which credential type, why and when. Unknown holder keys are ignored; a failure here is logged
 * and never fails the verifier's response.
 */
@Component
final class CitizenPresentationLog implements PresentationLog {

  private static final Logger log = LoggerFactory.getLogger(CitizenPresentationLog.class);

  private final Devices devices;
  private final CitizenKeys keys;
  private final History history;

  CitizenPresentationLog(Devices devices, CitizenKeys keys, History history) {
    this.devices = devices;
    this.keys = keys;
    this.history = history;
  }

  @Override
  public void presentationAccepted(PresentationRecord record) {
    try {
      devices
          .holderKey(record.holderKeyThumbprint())
          .ifPresent(
              owner -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("verifierId", record.verifierId());
                putIfPresent(details, "verifierNameFr", record.verifierNameFr());
                putIfPresent(details, "verifierNameEn", record.verifierNameEn());
                putIfPresent(details, "vct", record.vct());
                details.put("claimNames", record.claimNames());
                putIfPresent(details, "purpose", record.purpose());
                details.put("deviceId", owner.deviceId().toString());
                history.record(
                    owner.citizen(),
                    keys.dataKey(owner.citizen()),
                    HistoryEvent.PRESENTATION,
                    details,
                    record.at());
              });
    } catch (RuntimeException e) {
      log.warn(
          "wallet history: an accepted presentation could not be recorded ({})",
          e.getClass().getSimpleName());
    }
  }

  private static void putIfPresent(Map<String, Object> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
