package ca.idnum.auth.oidc.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What the login proved, derived from the {@link FactorGrantedAuthority factor authorities} of the
 * citizen's {@link Authentication}: {@code amr} values (RFC 8176), the level the factors alone
 * reach ({@link #factorLevel()}: the level of assurance also needs a verified identity, see {@code
 * ca.idnum.auth.assurance.AssuranceLevels}) and {@code auth_time} (the most recent factor).
 */
public record AuthenticationContext(
    LevelOfAssurance factorLevel, List<String> amr, Optional<Instant> authTime) {

  /** A passkey synced between devices (backup eligible): a software-secured key. */
  public static final String SYNCED_PASSKEY_AUTHORITY = "FACTOR_PASSKEY_SYNCED";

  /** A TOTP code (or a recovery code standing in for it). */
  public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

  /** Spring Security factor authority → RFC 8176 {@code amr} value. */
  private static final Map<String, String> AMR =
      Map.of(
          FactorGrantedAuthority.PASSWORD_AUTHORITY,
          "pwd",
          TOTP_AUTHORITY,
          "otp",
          "FACTOR_OTP",
          "otp",
          FactorGrantedAuthority.OTT_AUTHORITY,
          "otp",
          FactorGrantedAuthority.WEBAUTHN_AUTHORITY,
          "hwk",
          SYNCED_PASSKEY_AUTHORITY,
          "swk",
          FactorGrantedAuthority.X509_AUTHORITY,
          "swk");

  public AuthenticationContext {
    amr = List.copyOf(amr);
  }

  public static AuthenticationContext of(Authentication authentication) {
    Set<String> methods = new LinkedHashSet<>();
    Instant latest = null;
    boolean passkey = false;
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (authority instanceof FactorGrantedAuthority factor) {
        String amr = AMR.get(factor.getAuthority());
        if (amr != null) {
          methods.add(amr);
        }
        if (FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(factor.getAuthority())
            || SYNCED_PASSKEY_AUTHORITY.equals(factor.getAuthority())) {
          passkey = true;
        }
        if (latest == null || factor.getIssuedAt().isAfter(latest)) {
          latest = factor.getIssuedAt();
        }
      }
    }
    List<String> amr = new ArrayList<>(methods);
    LevelOfAssurance level = LevelOfAssurance.LOA1;
    if (methods.size() >= 2) {
      amr.add("mfa");
      level = LevelOfAssurance.LOA2;
    }
    if (passkey) {
      // a passkey is verified with user verification (PIN or biometrics): itself multi-factor
      level = LevelOfAssurance.LOA3;
    }
    return new AuthenticationContext(level, amr, Optional.ofNullable(latest));
  }

  /** Whether the session holds a passkey factor. */
  public boolean passkey() {
    return amr.contains("hwk") || amr.contains("swk");
  }
}
