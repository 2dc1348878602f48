package ca.idnum.auth.oidc.consent;

import ca.idnum.auth.citizen.AuthorizedPublicBodies;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.token.ConsentWithdrawals;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The citizen's consents ({@link JdbcConsents}) for the account page, with each public body's
 * client name and sector. Consents of clients that no longer exist are not listed. Withdrawing a
 * consent also voids what the client obtained under it ({@link ConsentWithdrawals}).
 */
@Component
final class AccountConsents implements AuthorizedPublicBodies {

  private final JdbcConsents consents;
  private final IdnumRegisteredClients clients;
  private final ConsentWithdrawals withdrawals;

  private final AuditLog audit;
  private final Clock clock;

  AccountConsents(
      JdbcConsents consents,
      IdnumRegisteredClients clients,
      ConsentWithdrawals withdrawals,
      AuditLog audit,
      Clock oidcClock) {
    this.audit = audit;
    this.clock = oidcClock;
    this.consents = consents;
    this.clients = clients;
    this.withdrawals = withdrawals;
  }

  @Override
  public List<Authorization> of(CitizenId citizen) {
    return consents.listFor(citizen.toString()).stream()
        .map(
            consent ->
                Optional.ofNullable(clients.findById(consent.registeredClientId()))
                    .map(
                        client ->
                            new Authorization(
                                client.getClientId(),
                                Objects.requireNonNullElse(
                                    client.getClientName(), client.getClientId()),
                                consent.sectorIdentifier() == null
                                        || consent.sectorIdentifier().isEmpty()
                                    ? IdnumRegisteredClients.sectorOf(client)
                                    : consent.sectorIdentifier(),
                                consent.scopes().stream().sorted(ScopeOrder.INSTANCE).toList(),
                                consent.grantedAt())))
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public boolean revoke(CitizenId citizen, String clientId) {
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null || !consents.revoke(citizen.toString(), client.getId())) {
      return false;
    }
    withdrawals.withdraw(client.getId(), citizen.toString());
    audit.record(
        new AuditEvent(
            "consent.revoked",
            clock.instant(),
            citizen.toString(),
            client.getClientId(),
            Map.of("sector", IdnumRegisteredClients.sectorOf(client))));
    return true;
  }

  /** Scopes in the catalogue's order ({@code openid} first), unknown ones last. */
  private enum ScopeOrder implements java.util.Comparator<String> {
    INSTANCE;

    private static final List<String> ORDER = List.copyOf(ScopeCatalog.citizenScopes());

    @Override
    public int compare(String a, String b) {
      return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String scope) {
      int i = ORDER.indexOf(scope);
      return i < 0 ? ORDER.size() : i;
    }
  }
}
