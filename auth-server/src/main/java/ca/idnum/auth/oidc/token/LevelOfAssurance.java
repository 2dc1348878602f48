package ca.idnum.auth.oidc.token;

/**
 * The three levels of assurance published in {@code acr_values_supported} and returned in {@code
 * acr} (aligned with NIST SP 800-63-4 authenticator assurance levels):
 *
 * <ul>
 *   <li>{@code urn:idnum:loa:1} — one factor (password): AAL1.
 *   <li>{@code urn:idnum:loa:2} — two factors (password + TOTP or passkey): AAL2.
 *   <li>{@code urn:idnum:loa:3} — two factors of which one is a phishing-resistant hardware-bound
 *       authenticator (passkey on a security key / device): AAL3-like.
 * </ul>
 */
public enum LevelOfAssurance {
  LOA1("urn:idnum:loa:1"),
  LOA2("urn:idnum:loa:2"),
  LOA3("urn:idnum:loa:3");

  private final String uri;

  LevelOfAssurance(String uri) {
    this.uri = uri;
  }

  public String uri() {
    return uri;
  }
}
