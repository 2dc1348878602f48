package ca.idnum.wallet.history;

/** What a history entry records. */
public enum HistoryEvent {
  /** A credential was stored (details: vct, issuer). */
  CREDENTIAL_STORED,
  /** A credential was deleted (details: vct, issuer). */
  CREDENTIAL_DELETED,
  /** A device was registered (details: device id, name, number of holder keys). */
  DEVICE_REGISTERED,
  /** Holder keys were added to a device (details: device id, number). */
  HOLDER_KEYS_ADDED,
  /** A device was revoked (details: device id). */
  DEVICE_REVOKED,
  /** A verifier accepted a presentation (details: verifier, vct, claim names, purpose). */
  PRESENTATION,
  /** Everything was exported (portability). */
  EXPORTED,
  /** Everything was erased (no details: there is nothing left). */
  ERASED
}
