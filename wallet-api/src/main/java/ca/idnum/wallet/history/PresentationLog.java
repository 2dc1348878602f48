package ca.idnum.wallet.history;

/**
 * Receives every presentation the verifier service accepted, so that the citizen whose registered
 * holder key it was bound to sees it in their history. Unknown holder keys are ignored.
 */
public interface PresentationLog {

  void presentationAccepted(PresentationRecord record);
}
