package ca.idnum.auth.citizen.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Adds a verified factor to the signed-in citizen's session: the same principal, its authorities
 * plus a {@link FactorGrantedAuthority} issued now (from which {@code amr}, {@code acr} and {@code
 * auth_time} are derived).
 *
 * <p>The session id is kept: it was renewed when the citizen logged in (which is what defeats
 * session fixation), and it is the session's identity everywhere else — its OpenID Connect {@code
 * sid} in the ID tokens relying bodies already hold, its row in the session index that "Mon compte"
 * and operators sign out, the Back-Channel Logout tokens. Renewing it here left the index pointing
 * at a session id that no longer existed, so signing the session out no longer ended it.
 */
public final class SessionFactors {

  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  public SessionFactors(Clock clock) {
    this.clock = clock;
  }

  public void add(HttpServletRequest request, HttpServletResponse response, String factor) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (GrantedAuthority a : current.getAuthorities()) {
      if (!factor.equals(a.getAuthority())) {
        authorities.add(a);
      }
    }
    authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(clock.instant()).build());
    UsernamePasswordAuthenticationToken next =
        UsernamePasswordAuthenticationToken.authenticated(
            current.getPrincipal(), null, authorities);
    next.setDetails(current.getDetails());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(next);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }
}
