package ca.idnum.auth.oidc.token;

import java.util.Optional;

/**
 * The three levels of assurance published in {@code acr_values_supported} and returned in {@code
 * acr}, aligned with NIST SP 800-63-4 (IAL / AAL):
 *
 * <ul>
 *   <li>{@code urn:idnum:loa:1} — self-asserted identity, one factor (password): IAL1 / AAL1.
 *   <li>{@code urn:idnum:loa:2} — identity verified against an authoritative register, and two
 *       factors (password + TOTP or passkey): IAL2 / AAL2.
 *   <li>{@code urn:idnum:loa:3} — identity verified, and a phishing-resistant authenticator (a
 *       passkey, with user verification): IAL2 / AAL2 phishing-resistant (AAL3-like).
 * </ul>
 *
 * <p>Levels are ordered: a higher level satisfies a request for a lower one.
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

  /** The level named by an {@code acr} value, if it is one of ours. */
  public static Optional<LevelOfAssurance> fromUri(String value) {
    for (LevelOfAssurance level : values()) {
      if (level.uri.equals(value)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  public boolean satisfies(LevelOfAssurance required) {
    return compareTo(required) >= 0;
  }

  public static LevelOfAssurance max(LevelOfAssurance a, LevelOfAssurance b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
