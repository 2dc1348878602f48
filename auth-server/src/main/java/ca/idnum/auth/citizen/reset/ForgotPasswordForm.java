package ca.idnum.auth.citizen.reset;

/** Form-backing object of the "forgot password" page. */
public final class ForgotPasswordForm {

  private String email = "";

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
