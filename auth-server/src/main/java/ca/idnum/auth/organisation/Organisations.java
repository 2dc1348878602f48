package ca.idnum.auth.organisation;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.auth.mandate.DelegatedSessions;
import ca.idnum.auth.mandate.OrganisationDelegations;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The organisation use cases: the admin API creates an organisation with its first administrator;
 * an administrator adds and removes representatives by e-mail address (an address with no account
 * is kept all the same: no enumeration; a notice goes only to an existing account). Removing a
 * representative ends what they obtained for the organisation. Every change is audited for the
 * acting administrator and for the representative.
 */
public final class Organisations implements OrganisationDelegations {

  /** Why an administrator's change was refused. */
  public enum Refusal {
    NOT_ADMINISTRATOR,
    ALREADY_REPRESENTATIVE,
    NOT_REPRESENTATIVE,
    LAST_ADMINISTRATOR
  }

  private final JdbcOrganisations store;
  private final CitizenAccountRepository accounts;
  private final CitizenMailer mailer;
  private final AuditLog audit;
  private final Clock clock;
  private final DelegatedSessions sessions;

  public Organisations(
      JdbcOrganisations store,
      CitizenAccountRepository accounts,
      CitizenMailer mailer,
      AuditLog audit,
      Clock clock,
      DelegatedSessions sessions) {
    this.store = store;
    this.accounts = accounts;
    this.mailer = mailer;
    this.audit = audit;
    this.clock = clock;
    this.sessions = sessions;
  }

  /** Creates an organisation (admin API); empty when its NEQ is already registered. */
  public Optional<Organisation> create(
      Neq neq, String name, EmailAddress administrator, String by) {
    Organisation organisation =
        new Organisation(UUID.randomUUID().toString(), neq, name.strip(), clock.instant());
    if (!store.create(organisation, administrator.normalized())) {
      return Optional.empty();
    }
    Map<String, String> details = details(organisation.id(), Role.ADMINISTRATOR);
    details.put("neq", neq.value());
    details.put("admin", by == null ? "" : by);
    audit.record(
        new AuditEvent(AuditTypes.ORGANISATION_CREATED, clock.instant(), null, null, details));
    accounts
        .findByEmail(administrator)
        .filter(CitizenAccount::active)
        .ifPresent(a -> representativeAdded(organisation, a, null, Role.ADMINISTRATOR));
    return Optional.of(organisation);
  }

  public Optional<Organisation> find(String id, CitizenAccount member) {
    return store.find(id).filter(o -> store.role(o.id(), member.email().normalized()).isPresent());
  }

  public List<JdbcOrganisations.Membership> memberships(CitizenAccount citizen) {
    return store.of(citizen.email().normalized());
  }

  public Optional<Role> role(String organisationId, CitizenAccount citizen) {
    return store.role(organisationId, citizen.email().normalized());
  }

  public List<JdbcOrganisations.Representative> representatives(String organisationId) {
    return store.representatives(organisationId);
  }

  /** An administrator adds a representative. */
  public Optional<Refusal> add(
      CitizenAccount administrator, String organisationId, EmailAddress email, Role role) {
    Optional<Organisation> organisation = administered(administrator, organisationId);
    if (organisation.isEmpty()) {
      return Optional.of(Refusal.NOT_ADMINISTRATOR);
    }
    if (!store.add(
        organisationId, email.normalized(), role, clock.instant(), administrator.id().toString())) {
      return Optional.of(Refusal.ALREADY_REPRESENTATIVE);
    }
    Map<String, String> details = details(organisationId, role);
    Optional<CitizenAccount> added = accounts.findByEmail(email).filter(CitizenAccount::active);
    added.ifPresent(a -> details.put("other", a.id().toString()));
    details.put("by", "administrator");
    audit.record(
        new AuditEvent(
            AuditTypes.ORGANISATION_REPRESENTATIVE_ADDED,
            clock.instant(),
            administrator.id().toString(),
            null,
            details));
    added.ifPresent(a -> representativeAdded(organisation.get(), a, administrator, role));
    return Optional.empty();
  }

  /** An administrator removes a representative (not the last administrator). */
  public Optional<Refusal> remove(
      CitizenAccount administrator, String organisationId, EmailAddress email) {
    Optional<Organisation> organisation = administered(administrator, organisationId);
    if (organisation.isEmpty()) {
      return Optional.of(Refusal.NOT_ADMINISTRATOR);
    }
    Optional<Role> role = store.role(organisationId, email.normalized());
    if (role.isEmpty()) {
      return Optional.of(Refusal.NOT_REPRESENTATIVE);
    }
    if (role.get() == Role.ADMINISTRATOR && store.administrators(organisationId) <= 1) {
      return Optional.of(Refusal.LAST_ADMINISTRATOR);
    }
    store.remove(organisationId, email.normalized());
    Optional<CitizenAccount> removed = accounts.findByEmail(email);
    int ended = removed.map(r -> sessions.end(organisationId, r.id())).orElse(0);
    Map<String, String> details = details(organisationId, role.get());
    removed.ifPresent(r -> details.put("other", r.id().toString()));
    details.put("by", "administrator");
    details.put("delegated_sessions_ended", Integer.toString(ended));
    audit.record(
        new AuditEvent(
            AuditTypes.ORGANISATION_REPRESENTATIVE_REMOVED,
            clock.instant(),
            administrator.id().toString(),
            null,
            details));
    if (removed.isPresent()) {
      Map<String, String> theirs = details(organisationId, role.get());
      theirs.put("other", administrator.id().toString());
      theirs.put("by", "administrator");
      theirs.put("delegated_sessions_ended", Integer.toString(ended));
      audit.record(
          new AuditEvent(
              AuditTypes.ORGANISATION_REPRESENTATIVE_REMOVED,
              clock.instant(),
              removed.get().id().toString(),
              null,
              theirs));
      mailer.sendMandateNotice(
          removed.get().email(),
          "organisation-removed",
          organisation.get().name(),
          locale(removed.get()));
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ OrganisationDelegations

  @Override
  public List<Represented> representedBy(CitizenId citizen) {
    return accounts.findById(citizen).filter(CitizenAccount::active).stream()
        .flatMap(a -> store.of(a.email().normalized()).stream())
        .map(m -> represented(m.organisation()))
        .toList();
  }

  @Override
  public boolean represents(String organisationId, String citizenId) {
    try {
      return accounts
          .findById(CitizenId.parse(citizenId))
          .filter(CitizenAccount::active)
          .flatMap(a -> store.role(organisationId, a.email().normalized()))
          .isPresent();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public Optional<Represented> find(String organisationId) {
    return store.find(organisationId).map(Organisations::represented);
  }

  // ------------------------------------------------------------------------------------------

  private Optional<Organisation> administered(CitizenAccount administrator, String id) {
    return store
        .find(id)
        .filter(
            o ->
                store.role(o.id(), administrator.email().normalized()).orElse(null)
                    == Role.ADMINISTRATOR);
  }

  private void representativeAdded(
      Organisation organisation, CitizenAccount representative, CitizenAccount by, Role role) {
    Map<String, String> details = details(organisation.id(), role);
    details.put("other", by == null ? "" : by.id().toString());
    details.put("by", by == null ? "register" : "administrator");
    audit.record(
        new AuditEvent(
            AuditTypes.ORGANISATION_REPRESENTATIVE_ADDED,
            clock.instant(),
            representative.id().toString(),
            null,
            details));
    mailer.sendMandateNotice(
        representative.email(), "organisation-added", organisation.name(), locale(representative));
  }

  private static Represented represented(Organisation o) {
    return new Represented(o.id(), o.neq().value(), o.name());
  }

  private static Locale locale(CitizenAccount account) {
    return Locale.forLanguageTag(account.locale().orElse("fr-CA"));
  }

  private static Map<String, String> details(String organisationId, Role role) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("organisation", organisationId);
    details.put("role", role.name().toLowerCase(Locale.ROOT));
    return details;
  }
}
