package ca.idnum.auth.mandate;

/** The stored lifecycle state of a mandate (expiry is by date, see {@link Mandate#status}). */
public enum MandateState {
  PROPOSED,
  ACCEPTED,
  REFUSED,
  ENDED
}
