package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.session.CitizenSession;
import ca.idnum.auth.session.JdbcCitizenSessions;
import ca.idnum.auth.session.backchannel.BackChannelLogouts;
import ca.idnum.auth.session.backchannel.LogoutTokens;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Ends what a mandatary obtained under a mandate that ended: in each of the mandatary's open
 * sessions, every relying body's authorization made under that mandate is removed (its refresh and
 * access tokens stop working here) and the body is sent an OpenID Connect Back-Channel Logout token
 * for that session, naming the principal (the {@code sub} its ID token had). The mandatary's own
 * session and their other authorizations go on.
 */
public final class DelegatedSessions {

  private final JdbcCitizenSessions index;
  private final ObjectProvider<OAuth2AuthorizationService> authorizationService;
  private final BackChannelLogouts backchannel;

  public DelegatedSessions(
      JdbcCitizenSessions index,
      ObjectProvider<OAuth2AuthorizationService> authorizationService,
      BackChannelLogouts backchannel) {
    this.index = index;
    this.authorizationService = authorizationService;
    this.backchannel = backchannel;
  }

  /**
   * Ends what {@code mandatary} obtained under {@code grant} (a mandate id, or an organisation id
   * for a representative); returns how many authorizations were ended.
   */
  public int end(String grant, CitizenId mandatary) {
    if (!(authorizationService.getObject() instanceof DelegatedAuthorizations authorizations)) {
      return 0;
    }
    int ended = 0;
    boolean queued = false;
    for (CitizenSession session : index.notEnded(mandatary.toString())) {
      for (JdbcCitizenSessions.SessionClient client : index.clients(session.sid())) {
        Optional<Delegation> delegation = authorizations.delegationOf(client.authorizationId());
        if (delegation.isEmpty() || !delegation.get().grant().equals(grant)) {
          continue;
        }
        authorizations.revoke(client.authorizationId());
        ended++;
        String subject =
            delegation.get().organisation()
                ? LogoutTokens.ORGANISATION_PREFIX + delegation.get().principal()
                : delegation.get().principal();
        if (backchannel.queue(client.clientId(), session.sid(), subject)) {
          queued = true;
        }
      }
    }
    if (queued) {
      backchannel.deliverSoon();
    }
    return ended;
  }
}
