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
 * auth_time} are derived). The session id changes, as on any privilege change.
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
    request.changeSessionId();
    contexts.saveContext(context, request, response);
  }
}
