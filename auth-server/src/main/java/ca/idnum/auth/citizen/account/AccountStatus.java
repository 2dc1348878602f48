package ca.idnum.auth.citizen.account;

/** Whether an account may log in. */
public enum AccountStatus {
  ACTIVE,
  DISABLED
}
