package ca.idnum.auth.citizen.proofing.register;

/** An authoritative register of a public body that can confirm who a person is. */
public interface IdentityRegister {

  /** A stable identifier of the register (stored with every verification it made). */
  String id();

  /** The register's (public body's) name, shown to citizens and released as the evidence source. */
  String name();

  /**
   * Asks the register whether it holds a person with these attributes.
   *
   * @throws RegisterUnavailableException when the register gives no usable answer
   */
  RegisterAnswer match(MatchRequest request);
}
