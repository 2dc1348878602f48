package ca.idnum.auth.assurance;

import ca.idnum.auth.oidc.token.LevelOfAssurance;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The level of assurance registered as a client's minimum ({@code oidc_client.minimum_acr}): always
 * enforced, as an essential requirement, whatever the client asks.
 */
public final class ClientMinimumLevels {

  private final JdbcClient jdbc;

  public ClientMinimumLevels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The client's minimum; empty for an unknown client. Level 1 when none was set. */
  public Optional<LevelOfAssurance> minimum(String clientId) {
    return jdbc.sql("SELECT minimum_acr FROM oidc_client WHERE client_id = ?")
        .param(clientId)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .map(v -> v.flatMap(LevelOfAssurance::fromUri).orElse(LevelOfAssurance.LOA1));
  }

  /** Sets the client's minimum; false for an unknown client. */
  public boolean set(String clientId, LevelOfAssurance level) {
    return jdbc.sql("UPDATE oidc_client SET minimum_acr = ? WHERE client_id = ?")
            .param(level == LevelOfAssurance.LOA1 ? null : level.uri())
            .param(clientId)
            .update()
        == 1;
  }
}
