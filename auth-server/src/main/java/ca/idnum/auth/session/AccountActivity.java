package ca.idnum.auth.session;

import ca.idnum.auth.audit.AuditTypes;
import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.client.OidcClient;
import ca.idnum.server.audit.AuditQuery;
import ca.idnum.server.audit.AuditRecord;
import ca.idnum.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the account page shows of the citizen's activity: open sessions (each may be signed out) and
 * the access log — which public body received the citizen's information, when, at which level of
 * assurance and which claims (from the audit log's {@code token.issued} events of logins).
 */
@Component
public final class AccountActivity {

  /** Dates on the account page are shown in Quebec's time zone. */
  static final ZoneId ZONE = ZoneId.of("America/Toronto");

  static final int ACCESS_LOG_SIZE = 20;

  /** One open session as the page shows it. */
  public record SessionItem(
      String sid,
      String device,
      Optional<String> place,
      boolean current,
      String createdAt,
      String createdAtText,
      String lastSeenAt,
      String lastSeenAtText) {}

  /** One access by a public body. */
  public record AccessItem(
      String clientName, String at, String atText, String level, List<String> claims) {}

  /**
   * One mandate event or delegated login: {@code key} selects the message ({@code
   * account.delegation.event.<type>.<role>}), {@code other} names the other citizen.
   */
  public record DelegationItem(
      String key, String other, String clientName, String at, String atText) {}

  private static final List<String> DELEGATION_TYPES =
      List.of(
          AuditTypes.MANDATE_PROPOSED,
          AuditTypes.MANDATE_ACCEPTED,
          AuditTypes.MANDATE_REFUSED,
          AuditTypes.MANDATE_ENDED,
          AuditTypes.LOGIN_DELEGATED);

  private final JdbcCitizenSessions index;
  private final AuditTrail audit;
  private final JdbcOidcClients clients;
  private final SessionProperties properties;
  private final Clock clock;

  AccountActivity(
      JdbcCitizenSessions index,
      AuditTrail audit,
      JdbcOidcClients clients,
      SessionProperties properties,
      Clock oidcClock) {
    this.index = index;
    this.audit = audit;
    this.clients = clients;
    this.properties = properties;
    this.clock = oidcClock;
  }

  /** The citizen's open sessions, newest first; {@code currentSessionId} marks this device's. */
  public List<SessionItem> sessions(String citizenId, String currentSessionId, Locale locale) {
    Instant now = clock.instant();
    String currentSid = currentSessionId == null ? "" : JdbcCitizenSessions.sid(currentSessionId);
    return index.notEnded(citizenId).stream()
        .filter(s -> s.openAt(now, properties))
        .map(
            s ->
                new SessionItem(
                    s.sid(),
                    s.device(),
                    s.place(),
                    s.sid().equals(currentSid),
                    iso(s.createdAt()),
                    text(s.createdAt(), locale),
                    iso(s.lastSeenAt()),
                    text(s.lastSeenAt(), locale)))
        .toList();
  }

  /** The latest logins to public bodies (newest first). */
  public List<AccessItem> accessLog(String citizenId, Locale locale) {
    List<AuditRecord> records =
        audit
            .search(
                new AuditQuery(
                    Optional.of(citizenId),
                    Optional.empty(),
                    Optional.of(AuditTypes.TOKEN_ISSUED),
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    ACCESS_LOG_SIZE))
            .records();
    Map<String, String> names = new HashMap<>();
    return records.stream()
        .filter(r -> "authorization_code".equals(r.details().get("grant_type")))
        .filter(r -> r.client() != null)
        .map(
            r ->
                new AccessItem(
                    names.computeIfAbsent(
                        r.client(),
                        id -> clients.findByClientId(id).map(OidcClient::clientName).orElse(id)),
                    iso(r.at()),
                    text(r.at(), locale),
                    level(r.details().get("level")),
                    claims(r.details().get("claims"))))
        .toList();
  }

  /**
   * Mandate events and logins on behalf of another citizen, on both sides (newest first); {@code
   * names} gives a citizen's name from their internal id.
   */
  public List<DelegationItem> delegationLog(
      String citizenId, Locale locale, java.util.function.Function<String, String> names) {
    List<AuditRecord> records = new java.util.ArrayList<>();
    for (String type : DELEGATION_TYPES) {
      records.addAll(
          audit
              .search(
                  new AuditQuery(
                      Optional.of(citizenId),
                      Optional.empty(),
                      Optional.of(type),
                      Optional.empty(),
                      Optional.empty(),
                      0,
                      ACCESS_LOG_SIZE))
              .records());
    }
    records.sort(java.util.Comparator.comparing(AuditRecord::at).reversed());
    Map<String, String> clientNames = new HashMap<>();
    return records.stream()
        .filter(
            r ->
                "principal".equals(r.details().get("role"))
                    || "mandatary".equals(r.details().get("role"))
                    || "representative".equals(r.details().get("role")))
        .limit(ACCESS_LOG_SIZE)
        .map(
            r ->
                new DelegationItem(
                    "account.delegation.event." + r.type() + "." + r.details().get("role"),
                    r.details().get("other") == null ? "?" : names.apply(r.details().get("other")),
                    r.client() == null
                        ? ""
                        : clientNames.computeIfAbsent(
                            r.client(),
                            id ->
                                clients.findByClientId(id).map(OidcClient::clientName).orElse(id)),
                    iso(r.at()),
                    text(r.at(), locale)))
        .toList();
  }

  /** "1", "2" or "3" from a level URI ({@code urn:idnum:loa:2}), "?" otherwise. */
  static String level(String uri) {
    if (uri != null && uri.matches("urn:idnum:loa:[123]")) {
      return uri.substring(uri.length() - 1);
    }
    return "?";
  }

  private static List<String> claims(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.trim().split("\\s+"))
        .filter(c -> c.matches("[a-z_]{1,40}"))
        .toList();
  }

  private static String iso(Instant at) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(ZONE));
  }

  private static String text(Instant at, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(locale)
        .format(at.atZone(ZONE));
  }
}
