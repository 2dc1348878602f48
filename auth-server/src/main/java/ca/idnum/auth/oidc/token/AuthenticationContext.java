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
 * citizen's {@link Authentication}: {@code amr} values (RFC 8176), {@code acr} (level of assurance)
 * and {@code auth_time} (the most recent factor).
 */
public record AuthenticationContext(
    LevelOfAssurance acr, List<String> amr, Optional<Instant> authTime) {

  /** Spring Security factor authority → RFC 8176 {@code amr} value. */
  private static final Map<String, String> AMR =
      Map.of(
          FactorGrantedAuthority.PASSWORD_AUTHORITY,
          "pwd",
          "FACTOR_TOTP",
          "otp",
          "FACTOR_OTP",
          "otp",
          FactorGrantedAuthority.OTT_AUTHORITY,
          "otp",
          FactorGrantedAuthority.WEBAUTHN_AUTHORITY,
          "hwk",
          FactorGrantedAuthority.X509_AUTHORITY,
          "swk");

  public AuthenticationContext {
    amr = List.copyOf(amr);
  }

  public static AuthenticationContext of(Authentication authentication) {
    Set<String> methods = new LinkedHashSet<>();
    Instant latest = null;
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (authority instanceof FactorGrantedAuthority factor) {
        String amr = AMR.get(factor.getAuthority());
        if (amr != null) {
          methods.add(amr);
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
      level = methods.contains("hwk") ? LevelOfAssurance.LOA3 : LevelOfAssurance.LOA2;
    }
    return new AuthenticationContext(level, amr, Optional.ofNullable(latest));
  }
}
