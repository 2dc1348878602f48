package ca.idnum.auth.oidc.client;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered clients in table {@code oidc_client}. */
@Repository
public class JdbcOidcClients {

  private static final String COLUMNS =
      "id, client_id, client_name, sector_identifier, auth_method, secret_digest, secret_issued_at,"
          + " jwks, grant_types, redirect_uris, post_logout_redirect_uris, scopes, high_assurance,"
          + " id_token_signing_alg, audience, access_token_ttl_seconds, refresh_token_ttl_seconds,"
          + " refresh_absolute_ttl_seconds, enabled, created_at, updated_at, backchannel_logout_uri,"
          + " backchannel_logout_session_required";

  private final JdbcClient jdbc;

  public JdbcOidcClients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<OidcClient> findByClientId(String clientId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_client WHERE client_id = ?")
        .param(clientId)
        .query(JdbcOidcClients::map)
        .optional();
  }

  public Optional<OidcClient> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_client WHERE id = ?")
        .param(id)
        .query(JdbcOidcClients::map)
        .optional();
  }

  public List<OidcClient> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM oidc_client ORDER BY client_id")
        .query(JdbcOidcClients::map)
        .list();
  }

  /** The longest access token lifetime among enabled clients (for key retirement). */
  public Duration longestAccessTokenTtl() {
    Integer seconds =
        jdbc.sql("SELECT MAX(access_token_ttl_seconds) FROM oidc_client WHERE enabled = TRUE")
            .query(Integer.class)
            .optional()
            .orElse(null);
    return seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds);
  }

  public void insert(OidcClient c) {
    jdbc.sql(
            "INSERT INTO oidc_client ("
                + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .params(
            c.id(),
            c.clientId(),
            c.clientName(),
            c.sectorIdentifier(),
            c.authMethod().value(),
            c.secretDigest().orElse(null),
            c.secretIssuedAt().map(JdbcOidcClients::ts).orElse(null),
            c.jwks().orElse(null),
            join(c.grantTypes()),
            joinUris(c.redirectUris()),
            joinUris(c.postLogoutRedirectUris()),
            join(c.scopes()),
            c.highAssurance(),
            c.idTokenSigningAlg().name(),
            String.join(" ", c.audience()),
            (int) c.accessTokenTtl().toSeconds(),
            0,
            0,
            c.enabled(),
            ts(c.createdAt()),
            ts(c.updatedAt()),
            c.backchannelLogoutUri().map(URI::toString).orElse(null),
            c.backchannelLogoutSessionRequired())
        .update();
  }

  public void update(OidcClient c) {
    jdbc.sql(
            "UPDATE oidc_client SET client_name = ?, sector_identifier = ?, auth_method = ?,"
                + " secret_digest = ?, secret_issued_at = ?, jwks = ?, grant_types = ?,"
                + " redirect_uris = ?, post_logout_redirect_uris = ?, scopes = ?,"
                + " high_assurance = ?, id_token_signing_alg = ?, audience = ?,"
                + " access_token_ttl_seconds = ?, enabled = ?, updated_at = ?,"
                + " backchannel_logout_uri = ?, backchannel_logout_session_required = ?"
                + " WHERE id = ?")
        .params(
            c.clientName(),
            c.sectorIdentifier(),
            c.authMethod().value(),
            c.secretDigest().orElse(null),
            c.secretIssuedAt().map(JdbcOidcClients::ts).orElse(null),
            c.jwks().orElse(null),
            join(c.grantTypes()),
            joinUris(c.redirectUris()),
            joinUris(c.postLogoutRedirectUris()),
            join(c.scopes()),
            c.highAssurance(),
            c.idTokenSigningAlg().name(),
            String.join(" ", c.audience()),
            (int) c.accessTokenTtl().toSeconds(),
            c.enabled(),
            ts(c.updatedAt()),
            c.backchannelLogoutUri().map(URI::toString).orElse(null),
            c.backchannelLogoutSessionRequired(),
            c.id())
        .update();
  }

  private static OidcClient map(ResultSet rs, int row) throws SQLException {
    return new OidcClient(
        rs.getString("id"),
        rs.getString("client_id"),
        rs.getString("client_name"),
        rs.getString("sector_identifier"),
        ClientAuthMethod.parse(rs.getString("auth_method")),
        Optional.ofNullable(rs.getString("secret_digest")),
        Optional.ofNullable(instant(rs, "secret_issued_at")),
        Optional.ofNullable(rs.getString("jwks")),
        split(rs.getString("grant_types")),
        split(rs.getString("redirect_uris")).stream().map(URI::create).toList(),
        split(rs.getString("post_logout_redirect_uris")).stream().map(URI::create).toList(),
        split(rs.getString("scopes")),
        rs.getBoolean("high_assurance"),
        SigningAlg.parse(rs.getString("id_token_signing_alg")),
        List.copyOf(split(rs.getString("audience"))),
        Duration.ofSeconds(rs.getInt("access_token_ttl_seconds")),
        rs.getBoolean("enabled"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        Optional.ofNullable(rs.getString("backchannel_logout_uri")).map(URI::create),
        rs.getBoolean("backchannel_logout_session_required"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Set<String> split(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.trim().split("\\s+"))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String join(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(" "));
  }

  private static String joinUris(List<URI> uris) {
    return uris.stream().map(URI::toString).collect(Collectors.joining(" "));
  }
}
