package ca.idnum.auth.citizen.login;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks citizens up by email address for the login form. The returned user's name is the citizen's
 * UUID ({@link CitizenId#toString()}), so that after login {@code Authentication.getName()} is the
 * internal identifier, never the address. Also stores re-hashed passwords when the Argon2id cost
 * has been raised ({@link UserDetailsPasswordService}).
 */
public final class CitizenUserDetailsService
    implements UserDetailsService, UserDetailsPasswordService {

  /** The authority every logged-in citizen has (besides Spring Security's factor authorities). */
  public static final String CITIZEN_AUTHORITY = "ROLE_CITIZEN";

  private final CitizenAccountRepository accounts;
  private final Clock clock;

  public CitizenUserDetailsService(CitizenAccountRepository accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String email) {
    CitizenAccount account =
        EmailAddress.parse(email)
            .flatMap(accounts::findByEmail)
            .filter(CitizenAccount::active)
            .orElseThrow(() -> new UsernameNotFoundException("no such citizen"));
    return User.withUsername(account.id().toString())
        .password(account.passwordHash())
        .authorities(List.of(new SimpleGrantedAuthority(CITIZEN_AUTHORITY)))
        .build();
  }

  @Override
  public UserDetails updatePassword(UserDetails user, String newPassword) {
    accounts.updatePasswordHash(CitizenId.parse(user.getUsername()), newPassword, clock.instant());
    return User.withUserDetails(user).password(newPassword).build();
  }
}
