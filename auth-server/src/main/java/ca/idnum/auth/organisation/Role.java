package ca.idnum.auth.organisation;

/** A representative's role: an administrator also adds and removes representatives. */
public enum Role {
  ADMINISTRATOR,
  REPRESENTATIVE
}
