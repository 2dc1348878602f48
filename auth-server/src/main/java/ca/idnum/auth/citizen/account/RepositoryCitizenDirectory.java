package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.CitizenProfile;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The {@link CitizenDirectory} the OpenID Provider reads: active accounts only. */
@Component
public final class RepositoryCitizenDirectory implements CitizenDirectory {

  private final CitizenAccountRepository accounts;

  public RepositoryCitizenDirectory(CitizenAccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<CitizenProfile> find(CitizenId id) {
    return accounts.findById(id).filter(CitizenAccount::active).map(CitizenAccount::toProfile);
  }
}
