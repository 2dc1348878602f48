package ca.idnum.wallet.register;

import java.util.Map;

/** A built-in demo register (embedded default only): fixed subjects from a JSON resource. */
public final class DemoRegister implements Register {

  private final Map<String, Map<String, Object>> subjects;

  public DemoRegister(Map<String, Map<String, Object>> subjects) {
    this.subjects = Map.copyOf(subjects);
  }

  @Override
  public Map<String, Object> claims(String subject) {
    Map<String, Object> claims = subjects.get(subject);
    if (claims == null) {
      throw new RegisterException(RegisterException.Failure.SUBJECT_UNKNOWN, "unknown subject");
    }
    return claims;
  }
}
