package ca.idnum.auth.citizen.registration;

/** What the registration form submits, as typed (validated by {@link RegistrationService}). */
public record RegistrationRequest(
    String email, String password, String givenName, String familyName) {

  @Override
  public String toString() {
    return "RegistrationRequest[]";
  }
}
