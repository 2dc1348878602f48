package ca.idnum.auth.session;

import ca.idnum.auth.citizen.CredentialsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Signs a citizen out everywhere when their credentials change ({@link CredentialsChanged}). */
@Component
final class CredentialsChangeListener {

  private final SessionTermination termination;

  CredentialsChangeListener(SessionTermination termination) {
    this.termination = termination;
  }

  @EventListener
  void onCredentialsChanged(CredentialsChanged event) {
    termination.endAll(event.citizen().toString(), SessionEndReason.CREDENTIALS_CHANGED, null);
  }
}
