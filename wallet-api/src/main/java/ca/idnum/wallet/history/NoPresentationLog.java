package ca.idnum.wallet.history;

import org.springframework.stereotype.Component;

/** Placeholder until the wallet storage API keeps citizens' histories: records nothing. */
@Component
final class NoPresentationLog implements PresentationLog {

  @Override
  public void presentationAccepted(PresentationRecord record) {}
}
