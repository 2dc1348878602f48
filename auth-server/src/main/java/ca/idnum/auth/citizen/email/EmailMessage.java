package ca.idnum.auth.citizen.email;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.util.Objects;

/** A plain-text message to one citizen. {@link #toString()} never shows the body (codes). */
public record EmailMessage(EmailAddress to, String subject, String body) {

  public EmailMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    return "EmailMessage[subject=" + subject + "]";
  }
}
