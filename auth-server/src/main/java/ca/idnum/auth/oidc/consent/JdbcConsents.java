package ca.idnum.auth.oidc.consent;

import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consents in table {@code oidc_consent}: what a citizen allowed a client to receive, remembered
 * per client and recorded with the client's sector so that a citizen can review and revoke them per
 * public body or per sector.
 */
public final class JdbcConsents implements OAuth2AuthorizationConsentService {

  /** A consent as the citizen's account pages show it. */
  public record Consent(
      String registeredClientId, String sectorIdentifier, Set<String> scopes, Instant grantedAt) {}

  private final AuditLog audit;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final RegisteredClientRepository clients;
  private final Clock clock;

  public JdbcConsents(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      RegisteredClientRepository clients,
      Clock clock,
      AuditLog audit) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public void save(OAuth2AuthorizationConsent consent) {
    RegisteredClient client = clients.findById(consent.getRegisteredClientId());
    String sector = client == null ? "" : IdnumRegisteredClients.sectorOf(client);
    String authorities =
        consent.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .sorted()
            .collect(Collectors.joining(" "));
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    transactions.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql(
                      "UPDATE oidc_consent SET authorities = ?, sector_identifier = ?, granted_at = ?"
                          + " WHERE registered_client_id = ? AND principal_name = ?")
                  .params(
                      authorities,
                      sector,
                      now,
                      consent.getRegisteredClientId(),
                      consent.getPrincipalName())
                  .update();
          if (updated == 0) {
            jdbc.sql(
                    "INSERT INTO oidc_consent (registered_client_id, principal_name,"
                        + " sector_identifier, authorities, granted_at) VALUES (?,?,?,?,?)")
                .params(
                    consent.getRegisteredClientId(),
                    consent.getPrincipalName(),
                    sector,
                    authorities,
                    now)
                .update();
          }
        });
    audit.record(
        new AuditEvent(
            "consent.granted",
            now.toInstant(),
            consent.getPrincipalName(),
            client == null ? null : client.getClientId(),
            Map.of("scopes", authorities.replace("SCOPE_", ""), "sector", sector)));
  }

  @Override
  public void remove(OAuth2AuthorizationConsent consent) {
    revoke(consent.getPrincipalName(), consent.getRegisteredClientId());
  }

  @Override
  public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
    return jdbc.sql(
            "SELECT authorities FROM oidc_consent WHERE registered_client_id = ? AND principal_name = ?")
        .params(registeredClientId, principalName)
        .query(String.class)
        .optional()
        .map(
            authorities -> {
              OAuth2AuthorizationConsent.Builder builder =
                  OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
              split(authorities).forEach(a -> builder.authority(new SimpleGrantedAuthority(a)));
              return builder.build();
            })
        .orElse(null);
  }

  /** The consents of a citizen (principal name = citizen id). */
  public List<Consent> listFor(String principalName) {
    return jdbc.sql(
            "SELECT registered_client_id, sector_identifier, authorities, granted_at"
                + " FROM oidc_consent WHERE principal_name = ? ORDER BY granted_at DESC")
        .param(principalName)
        .query(
            (rs, row) ->
                new Consent(
                    rs.getString("registered_client_id"),
                    rs.getString("sector_identifier"),
                    split(rs.getString("authorities")).stream()
                        .filter(a -> a.startsWith("SCOPE_"))
                        .map(a -> a.substring("SCOPE_".length()))
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                    rs.getObject("granted_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Revokes a citizen's consent to one client; returns whether there was one. */
  public boolean revoke(String principalName, String registeredClientId) {
    return jdbc.sql(
                "DELETE FROM oidc_consent WHERE registered_client_id = ? AND principal_name = ?")
            .params(registeredClientId, principalName)
            .update()
        > 0;
  }

  /** Revokes a citizen's consents to every client of a sector; returns how many. */
  public int revokeSector(String principalName, String sectorIdentifier) {
    return jdbc.sql("DELETE FROM oidc_consent WHERE sector_identifier = ? AND principal_name = ?")
        .params(sectorIdentifier, principalName)
        .update();
  }

  private static List<String> split(String value) {
    return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
  }
}
