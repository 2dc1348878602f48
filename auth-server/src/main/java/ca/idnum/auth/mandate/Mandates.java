package ca.idnum.auth.mandate;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.account.CitizenAccount;
import ca.idnum.auth.citizen.account.CitizenAccountRepository;
import ca.idnum.auth.citizen.account.EmailAddress;
import ca.idnum.auth.citizen.email.CitizenMailer;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The mandate use cases: propose (the principal, with their consent recorded), accept or refuse
 * (the mandatary), end (either side; live delegated sessions and tokens end with it). Each is
 * audited for both citizens and both are notified by e-mail. Proposing to an address that has no
 * account looks the same to the principal as proposing to one that has (no notice is sent).
 */
public final class Mandates {

  /** Dates of mandates are days in Quebec's time zone. */
  public static final ZoneId ZONE = ZoneId.of("America/Toronto");

  /** The version of the consent text the principal agrees to (message {@code mandate.consent}). */
  public static final String CONSENT_TEXT_VERSION = "2026-12-mandate-v1";

  /** A proposal. */
  public record Proposal(
      EmailAddress mandataryEmail,
      List<String> clients,
      List<String> sectors,
      Set<String> scopes,
      LocalDate startsOn,
      LocalDate endsOn) {}

  private final JdbcMandates store;
  private final CitizenAccountRepository accounts;
  private final CitizenMailer mailer;
  private final AuditLog audit;
  private final Clock clock;
  private final DelegatedSessions sessions;

  public Mandates(
      JdbcMandates store,
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

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }

  public Optional<Mandate> find(String id) {
    return store.find(id);
  }

  public List<Mandate> givenBy(CitizenId principal) {
    return store.givenBy(principal);
  }

  public List<Mandate> receivedBy(CitizenAccount mandatary) {
    return store.receivedBy(mandatary.id(), mandatary.email().normalized());
  }

  /** Records the principal's proposal (and consent). */
  public Mandate propose(CitizenAccount principal, Proposal proposal) {
    var now = clock.instant();
    Mandate mandate =
        new Mandate(
            UUID.randomUUID().toString(),
            principal.id(),
            proposal.mandataryEmail().normalized(),
            Optional.empty(),
            proposal.clients(),
            proposal.sectors(),
            proposal.scopes(),
            proposal.startsOn(),
            proposal.endsOn(),
            MandateState.PROPOSED,
            CONSENT_TEXT_VERSION,
            now,
            now,
            Optional.empty(),
            Optional.empty());
    store.insert(mandate);
    Optional<CitizenAccount> mandatary =
        accounts.findByEmail(proposal.mandataryEmail()).filter(CitizenAccount::active);
    Map<String, String> details = details(mandate, "principal");
    details.put("consent_text_version", CONSENT_TEXT_VERSION);
    details.put("scopes", mandate.scopeText());
    details.put("starts_on", mandate.startsOn().toString());
    details.put("ends_on", mandate.endsOn().toString());
    mandatary.ifPresent(m -> details.put("other", m.id().toString()));
    audit.record(
        new AuditEvent(AuditTypes.MANDATE_PROPOSED, now, principal.id().toString(), null, details));
    if (mandatary.isPresent()) {
      Map<String, String> theirs = details(mandate, "mandatary");
      theirs.put("other", principal.id().toString());
      audit.record(
          new AuditEvent(
              AuditTypes.MANDATE_PROPOSED, now, mandatary.get().id().toString(), null, theirs));
      notify(mandatary.get(), "proposed", principal);
    }
    return mandate;
  }

  /** The mandatary accepts a proposal addressed to them; false if there is none such. */
  public boolean accept(CitizenAccount mandatary, String id) {
    Optional<Mandate> mandate = addressedTo(mandatary, id, MandateState.PROPOSED);
    if (mandate.isEmpty() || mandate.get().status(today()) == Mandate.Status.EXPIRED) {
      return false;
    }
    if (!store.accept(id, mandatary.id(), clock.instant())) {
      return false;
    }
    recordBoth(AuditTypes.MANDATE_ACCEPTED, mandate.get(), mandatary.id(), "mandatary");
    notifyBoth(mandate.get(), mandatary.id(), "accepted");
    return true;
  }

  /** The mandatary refuses a proposal addressed to them; false if there is none such. */
  public boolean refuse(CitizenAccount mandatary, String id) {
    Optional<Mandate> mandate = addressedTo(mandatary, id, MandateState.PROPOSED);
    if (mandate.isEmpty() || !store.refuse(id, mandatary.id(), clock.instant())) {
      return false;
    }
    recordBoth(AuditTypes.MANDATE_REFUSED, mandate.get(), mandatary.id(), "mandatary");
    notifyBoth(mandate.get(), mandatary.id(), "refused");
    return true;
  }

  /**
   * Either side ends a mandate (a principal may also withdraw a proposal); the live delegated
   * sessions and tokens end with it. False when the citizen is no party to it or it had ended.
   */
  public boolean end(CitizenAccount actor, String id) {
    Optional<Mandate> found = store.find(id);
    if (found.isEmpty()) {
      return false;
    }
    Mandate mandate = found.get();
    String role;
    if (mandate.principal().equals(actor.id())) {
      role = "principal";
    } else if (mandate.mandatary().map(actor.id()::equals).orElse(false)) {
      role = "mandatary";
    } else {
      return false;
    }
    if (!store.end(id, role.toUpperCase(Locale.ROOT), clock.instant())) {
      return false;
    }
    int ended = mandate.mandatary().map(m -> sessions.end(mandate.id(), m)).orElse(0);
    Map<String, String> extra = Map.of("delegated_sessions_ended", Integer.toString(ended));
    recordBoth(AuditTypes.MANDATE_ENDED, mandate, actor.id(), role, extra);
    if (mandate.mandatary().isPresent()) {
      notifyBoth(mandate, actor.id(), "ended");
    }
    return true;
  }

  /**
   * Ends the accepted mandates whose end date has passed, as their ending by a party would (their
   * delegated sessions end, back-channel logout, {@code mandate.ended} for both with {@code by}
   * {@code expiry}); returns how many. Run on a schedule ({@link MandateExpiry}); tokens of an
   * expired mandate are refused even before (see {@link #inForce}).
   */
  public int expireDue() {
    int expired = 0;
    for (Mandate mandate : store.acceptedEndingBefore(today(), 100)) {
      if (mandate.mandatary().isEmpty() || !store.end(mandate.id(), "EXPIRY", clock.instant())) {
        continue;
      }
      int ended = sessions.end(mandate.id(), mandate.mandatary().get());
      recordBoth(
          AuditTypes.MANDATE_ENDED,
          mandate,
          mandate.mandatary().get(),
          "expiry",
          Map.of("delegated_sessions_ended", Integer.toString(ended)));
      notifyBoth(mandate, mandate.mandatary().get(), "ended");
      expired++;
    }
    return expired;
  }

  /** The mandates under which {@code mandatary} may act today at the client (or its sector). */
  public List<Mandate> activeFor(CitizenId mandatary, String clientId, String sector) {
    LocalDate today = today();
    return store.acceptedFor(mandatary).stream()
        .filter(m -> m.activeOn(today) && m.covers(clientId, sector))
        .filter(m -> accounts.findById(m.principal()).map(CitizenAccount::active).orElse(false))
        .toList();
  }

  /** Whether a delegation's mandate is still in force (accepted, within its dates). */
  public boolean inForce(Delegation delegation) {
    if (delegation.organisation()) {
      return false;
    }
    return store
        .find(delegation.grant())
        .filter(
            m ->
                m.mandatary().map(id -> id.toString().equals(delegation.mandatary())).orElse(false))
        .filter(m -> m.principal().toString().equals(delegation.principal()))
        .map(m -> m.activeOn(today()))
        .orElse(false);
  }

  private Optional<Mandate> addressedTo(CitizenAccount mandatary, String id, MandateState state) {
    return store
        .find(id)
        .filter(m -> m.state() == state)
        .filter(
            m ->
                m.mandatary().map(mandatary.id()::equals).orElse(false)
                    || (m.mandatary().isEmpty()
                        && m.mandataryEmail().equals(mandatary.email().normalized())))
        .filter(m -> !m.principal().equals(mandatary.id()));
  }

  private void recordBoth(String type, Mandate mandate, CitizenId mandatary, String actorRole) {
    recordBoth(type, mandate, mandatary, actorRole, Map.of());
  }

  private void recordBoth(
      String type, Mandate mandate, CitizenId actor, String actorRole, Map<String, String> extra) {
    var now = clock.instant();
    CitizenId mandatary = mandate.mandatary().orElse(actor);
    for (CitizenId citizen : List.of(mandate.principal(), mandatary)) {
      if (citizen.equals(mandatary)
          && mandate.mandatary().isEmpty()
          && actor.equals(mandate.principal())) {
        continue; // a withdrawn proposal to an address: nobody on the other side
      }
      boolean principalSide = citizen.equals(mandate.principal());
      Map<String, String> details = details(mandate, principalSide ? "principal" : "mandatary");
      details.put("other", (principalSide ? mandatary : mandate.principal()).toString());
      details.put("by", actorRole);
      details.putAll(extra);
      audit.record(new AuditEvent(type, now, citizen.toString(), null, details));
    }
  }

  private void notifyBoth(Mandate mandate, CitizenId mandataryOrActor, String event) {
    CitizenId mandatary = mandate.mandatary().orElse(mandataryOrActor);
    Optional<CitizenAccount> principal = accounts.findById(mandate.principal());
    Optional<CitizenAccount> other = accounts.findById(mandatary);
    if (principal.isEmpty() || other.isEmpty()) {
      return;
    }
    notify(principal.get(), event, other.get());
    notify(other.get(), event, principal.get());
  }

  private void notify(CitizenAccount to, String event, CitizenAccount other) {
    mailer.sendMandateNotice(
        to.email(),
        event,
        other.givenName() + " " + other.familyName(),
        Locale.forLanguageTag(to.locale().orElse("fr-CA")));
  }

  private static Map<String, String> details(Mandate mandate, String role) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("mandate", mandate.id());
    details.put("role", role);
    return details;
  }
}
