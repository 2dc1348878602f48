package ca.idnum.wallet.register;

import java.util.Map;

/** An issuing body's authoritative register: the facts it holds about a subject. */
public interface Register {

  /**
   * The claims the register holds about {@code subject}.
   *
   * @throws RegisterException when the subject is unknown or the register cannot answer
   */
  Map<String, Object> claims(String subject);
}
