package ca.idnum.auth.citizen.registration;

/** Form-backing object of the code verification page. */
public final class VerificationForm {

  private String email = "";
  private String code = "";

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
