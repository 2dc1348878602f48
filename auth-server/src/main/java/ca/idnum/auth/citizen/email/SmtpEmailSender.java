package ca.idnum.auth.citizen.email;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends citizen messages as plain-text email through an SMTP server (Spring Boot's {@code
 * spring.mail.*}: host, port, username, password, TLS properties), from {@code idnum.mail.from}.
 */
public final class SmtpEmailSender implements EmailSender {

  private final JavaMailSender mail;
  private final String from;

  public SmtpEmailSender(JavaMailSender mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public void send(EmailMessage message) {
    SimpleMailMessage email = new SimpleMailMessage();
    email.setFrom(from);
    email.setTo(message.to().value());
    email.setSubject(message.subject());
    email.setText(message.body());
    mail.send(email);
  }
}
