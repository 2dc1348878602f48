package ca.idnum.auth.citizen.registration;

/** Form-backing object of the registration page. */
public final class RegistrationForm {

  private String givenName = "";
  private String familyName = "";
  private String email = "";
  private String password = "";

  public String getGivenName() {
    return givenName;
  }

  public void setGivenName(String givenName) {
    this.givenName = givenName;
  }

  public String getFamilyName() {
    return familyName;
  }

  public void setFamilyName(String familyName) {
    this.familyName = familyName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  RegistrationRequest toRequest() {
    return new RegistrationRequest(email, password, givenName, familyName);
  }
}
